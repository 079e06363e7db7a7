//! Every check is linear (or n·log n) in the document: for each wide shape of
//! [`gen::WIDE_SHAPES`], checking, linting with every rule on, diffing and completing a
//! document eight times as long takes well under 64 times as long (what a quadratic
//! check would take). The best of three runs is compared, and the bound is
//! loose (20×, where linear work gives about 8× and n·log n about 10×), so a loaded machine does not fail it
//! while a quadratic check always does. Absolute figures come from `cargo bench`.

use charter_core::{assist, diff, gen, lint::Policy};
use std::time::{Duration, Instant};

const SMALL: usize = 1_500;
const FACTOR: usize = 8;

fn best_of_three(mut f: impl FnMut()) -> Duration {
    (0..3)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .min()
        .unwrap()
}

/// Everything the editor runs on a change, with every lint rule on.
fn work(text: &str, policy: &Policy) {
    let report = charter_core::check_with_policy(text, policy);
    std::hint::black_box(&report);
    let changed = text.replacen("status: active", "status: draft", 1);
    let _ = std::hint::black_box(diff::diff_texts(text, &changed, diff::Mode::Backward));
    std::hint::black_box(assist::complete(text, text.len()));
    std::hint::black_box(assist::hover(text, text.len() / 2));
    std::hint::black_box(charter_core::workspace::check_all(&[text]));
}

#[test]
fn every_check_scales_linearly_with_the_document() {
    let mut policy = Policy::default();
    for rule in charter_core::lint::ALL {
        policy.set(rule.id, charter_core::lint::Level::Warning);
    }
    let mut report = Vec::new();
    for shape in gen::WIDE_SHAPES {
        let small = gen::wide(shape, SMALL).unwrap();
        let large = gen::wide(shape, SMALL * FACTOR).unwrap();
        let t_small = best_of_three(|| work(&small, &policy));
        let t_large = best_of_three(|| work(&large, &policy));
        // Below a millisecond the ratio is noise.
        let ratio = t_large.as_secs_f64() / t_small.as_secs_f64().max(0.001);
        report.push(format!("{shape}: {t_small:?} → {t_large:?} (×{ratio:.1})"));
        assert!(
            ratio < 20.0,
            "{shape}: {FACTOR}× the input took ×{ratio:.1} the time ({t_small:?} → {t_large:?}): some check is not linear.\n{}",
            report.join("\n")
        );
    }
    println!("{}", report.join("\n"));
}
