//! The Diagram view: the schema's entity-relationship diagram, drawn by the core
//! (`charter_core::diagram`, asked from the worker with each check while shown), with pan
//! (drag the background), zoom (wheel, + and −, Fit), a click on a table, column or line
//! opening it in the Form view, and a drag from a column's handle to another column adding
//! a relationship to the YAML.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The view's place and scale: (x, y, scale).
type Transform = (f64, f64, f64);

/// A drag under way: linking from a column (its pointer, start and current point in the
/// view's coordinates), or panning (the last pointer position, whether it moved).
#[derive(Clone, PartialEq)]
enum Drag {
    Link {
        from: String,
        start: (f64, f64),
        at: (f64, f64),
    },
    Pan {
        last: (f64, f64),
        moved: bool,
    },
}

#[component]
pub fn DiagramView(
    svg: RwSignal<String>,
    /// A click on a table, column or relationship: its pointer.
    on_open: Callback<String>,
    /// A drag from a column to another: (the column's pointer, `table.column` of the other).
    on_link: Callback<(String, String)>,
    on_export: Callback<()>,
) -> impl IntoView {
    let view_el = NodeRef::<leptos::html::Div>::new();
    let transform = RwSignal::new((20.0, 20.0, 1.0) as Transform);
    let drag = RwSignal::new(None::<Drag>);
    let fitted = StoredValue::new(false);

    // The point of an event in the view's coordinates.
    let local = move |ev: &web_sys::PointerEvent| -> (f64, f64) {
        let Some(el) = view_el.get_untracked() else {
            return (0.0, 0.0);
        };
        let r = el.get_bounding_client_rect();
        (
            ev.client_x() as f64 - r.left(),
            ev.client_y() as f64 - r.top(),
        )
    };
    // (It may run a frame after the view closed: then it does nothing.)
    let fit = move || {
        let Some(el) = view_el.try_get_untracked().flatten() else {
            return;
        };
        let Some(svg) = el.query_selector("svg.er").ok().flatten() else {
            return;
        };
        let size = |a: &str| {
            svg.get_attribute(a)
                .and_then(|v| v.parse::<f64>().ok())
                .unwrap_or(1.0)
        };
        let (w, h) = (size("width"), size("height"));
        // Below the toolbar.
        let top = 52.0;
        let (cw, ch) = (el.client_width() as f64, el.client_height() as f64 - top);
        let s = (cw / w).min(ch / h).clamp(0.1, 1.0);
        transform.try_set((((cw - w * s) / 2.0).max(0.0), top, s));
    };
    let zoom_at = move |factor: f64, (cx, cy): (f64, f64)| {
        transform.update(|(x, y, s)| {
            let to = (*s * factor).clamp(0.1, 3.0);
            let k = to / *s;
            *x = cx - (cx - *x) * k;
            *y = cy - (cy - *y) * k;
            *s = to;
        });
    };
    let center = move || {
        view_el
            .get_untracked()
            .map(|el| {
                (
                    el.client_width() as f64 / 2.0,
                    el.client_height() as f64 / 2.0,
                )
            })
            .unwrap_or_default()
    };
    // The first diagram shown is fitted to the view.
    Effect::new(move |_| {
        if !svg.with(String::is_empty) && !fitted.get_value() {
            fitted.set_value(true);
            request_animation_frame(fit);
        }
    });

    let on_pointerdown = move |ev: web_sys::PointerEvent| {
        if ev.button() != 0 {
            return;
        }
        let target = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok());
        let port_row = target
            .as_ref()
            .filter(|t| t.class_list().contains("er-port"))
            .and_then(|t| t.closest(".er-row").ok().flatten())
            .and_then(|r| r.get_attribute("data-pointer"));
        let at = local(&ev);
        drag.set(Some(match port_row {
            Some(from) => Drag::Link {
                from,
                start: at,
                at,
            },
            None => Drag::Pan {
                last: at,
                moved: false,
            },
        }));
        if let Some(el) = view_el.get_untracked() {
            let _ = el.set_pointer_capture(ev.pointer_id());
        }
        ev.prevent_default();
    };
    let on_pointermove = move |ev: web_sys::PointerEvent| {
        let at = local(&ev);
        let mut pan = None;
        drag.update(|d| match d {
            Some(Drag::Link { at: a, .. }) => *a = at,
            Some(Drag::Pan { last, moved }) => {
                let (dx, dy) = (at.0 - last.0, at.1 - last.1);
                if *moved || dx.abs() + dy.abs() > 3.0 {
                    *moved = true;
                    *last = at;
                    pan = Some((dx, dy));
                }
            }
            None => {}
        });
        if let Some((dx, dy)) = pan {
            transform.update(|(x, y, _)| {
                *x += dx;
                *y += dy;
            });
        }
    };
    let on_pointerup = move |ev: web_sys::PointerEvent| {
        let Some(d) = drag.get_untracked() else {
            return;
        };
        drag.set(None);
        let under = document()
            .element_from_point(ev.client_x() as f32, ev.client_y() as f32)
            .and_then(|e| e.closest("[data-pointer]").ok().flatten());
        match d {
            Drag::Link { from, .. } => {
                let to = under
                    .filter(|e| e.class_list().contains("er-row"))
                    .filter(|e| e.get_attribute("data-pointer").as_deref() != Some(from.as_str()))
                    .and_then(|e| e.get_attribute("data-ref"));
                if let Some(to) = to {
                    on_link.run((from, to));
                }
            }
            Drag::Pan { moved: false, .. } => {
                if let Some(p) = under.and_then(|e| e.get_attribute("data-pointer")) {
                    on_open.run(p);
                }
            }
            Drag::Pan { .. } => {}
        }
    };
    let on_wheel = move |ev: web_sys::WheelEvent| {
        ev.prevent_default();
        let Some(el) = view_el.get_untracked() else {
            return;
        };
        let r = el.get_bounding_client_rect();
        let at = (
            ev.client_x() as f64 - r.left(),
            ev.client_y() as f64 - r.top(),
        );
        zoom_at((-ev.delta_y() * 0.0015).exp(), at);
    };
    let on_keydown = move |ev: web_sys::KeyboardEvent| match ev.key().as_str() {
        "+" | "=" => zoom_at(1.2, center()),
        "-" => zoom_at(1.0 / 1.2, center()),
        "0" => fit(),
        _ => {}
    };
    let line = move || {
        drag.with(|d| match d {
            Some(Drag::Link { start, at, .. }) => Some(view! {
                <svg class="er-overlay" aria-hidden="true">
                    <line x1=start.0 y1=start.1 x2=at.0 y2=at.1/>
                </svg>
            }),
            _ => None,
        })
    };
    view! {
        <div class="diagram-pane">
            <div class="diagram-tools" role="toolbar" aria-label="Diagram">
                <button class="btn small" id="diagram-zoom-out" title="Zoom out (−)" on:click=move |_| zoom_at(1.0 / 1.2, center())>"−"</button>
                <span class="diagram-zoom" id="diagram-zoom">{move || format!("{:.0} %", transform.with(|t| t.2) * 100.0)}</span>
                <button class="btn small" id="diagram-zoom-in" title="Zoom in (+)" on:click=move |_| zoom_at(1.2, center())>"+"</button>
                <button class="btn small" id="diagram-fit" title="Fit the diagram to the view (0)" on:click=move |_| fit()>"Fit"</button>
                <button class="btn small" id="diagram-export" title="Download the diagram as an SVG file" on:click=move |_| on_export.run(())>"Export SVG"</button>
            </div>
            <div class="diagram" id="diagram" tabindex="0" node_ref=view_el
                aria-label="Diagram of the schema: drag to pan, wheel to zoom, click a table or column to open it, drag from a column's handle to another column to relate them"
                class:linking=move || drag.with(|d| matches!(d, Some(Drag::Link { .. })))
                on:pointerdown=on_pointerdown on:pointermove=on_pointermove on:pointerup=on_pointerup on:wheel=on_wheel on:keydown=on_keydown>
                {move || svg.with(String::is_empty).then(|| view! {
                    <p class="empty">"No tables yet: the diagram draws the objects under " <code>"schema:"</code> "."</p>
                })}
                <div class="er-canvas" style=move || transform.with(|(x, y, s)| format!("transform: translate({x}px, {y}px) scale({s})"))
                    inner_html=move || svg.get()></div>
                {line}
            </div>
        </div>
    }
}
