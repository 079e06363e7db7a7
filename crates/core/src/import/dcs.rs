//! Data Contract Specification (DCS 0.9 and 1.x) `datacontract.yaml` files to an ODCS
//! v3.2.0 contract.
//!
//! | DCS                                   | ODCS v3.2.0                                        |
//! |---------------------------------------|----------------------------------------------------|
//! | `id`, `info.title/version/status`     | `id`, `name`, `version`, `status`                  |
//! | `info.description`, `terms.usage/limitations` | `description.purpose/usage/limitations`    |
//! | `terms.policies` (with a url)         | `description.authoritativeDefinitions`             |
//! | `terms.billing` (`5000 USD per month`)| `price`                                            |
//! | `info.owner`, `info.contact`          | `team.name`, `support`                             |
//! | `servers.<name>`                      | `servers` (fields the ODCS server type has; the rest as `customProperties`) |
//! | `models.<name>`, `fields.<name>`      | `schema` objects and properties (nested `fields`, `items`) |
//! | `$ref: '#/definitions/x'`             | the definition's attributes, the field's own winning |
//! | field `type`                          | `logicalType` (+ `format` for int/long/float, `physicalType` for decimals) |
//! | `primaryKey`, `references`, `pii`     | `primaryKey(Position)`, `relationships`, `classification: pii` |
//! | `config.<x>Type`                      | `customProperties` (`postgresType` is read by the SQL export) |
//! | `quality` (sql, library, text, custom)| `quality`                                          |
//! | `servicelevels`                       | `slaProperties` (availability, retention, latency, freshness, frequency) |
//! | `tags`, `links`                       | `tags`, `authoritativeDefinitions`                 |
//!
//! What ODCS has no place for (lineage, model examples, support and backup service
//! levels, external `$ref`s) is listed in a comment at the top of the contract, so the
//! owner sees what to carry over by hand.

use super::{id_of, links, Contract, Entries, Object, Prop, Y};
use crate::yaml::{Node, NodeKind, Scalar};
use serde_json::Value;

/// What a DCS field `type` is in ODCS: the logical type and an integer or number format.
fn logical(t: &str) -> (&'static str, Option<&'static str>) {
    match t.to_ascii_lowercase().as_str() {
        "number" | "decimal" | "numeric" | "double" => ("number", None),
        "float" => ("number", Some("f32")),
        "int" | "integer" => ("integer", Some("i32")),
        "long" | "bigint" => ("integer", None),
        "boolean" => ("boolean", None),
        "timestamp" | "timestamp_tz" | "timestamp_ntz" => ("timestamp", None),
        "date" => ("date", None),
        "time" => ("time", None),
        "array" => ("array", None),
        "map" | "object" | "record" | "struct" | "variant" | "json" => ("object", None),
        _ => ("string", None),
    }
}

struct Reader<'a> {
    root: &'a Node,
    /// What the contract can't hold, for the comment at the top.
    dropped: Vec<String>,
    budget: super::Budget,
}

fn text(n: Option<&Node>) -> Option<String> {
    n.and_then(Node::text).filter(|t| !t.trim().is_empty())
}

fn entries(n: Option<&Node>) -> &[crate::yaml::Entry] {
    n.and_then(Node::as_map).unwrap_or(&[])
}

impl<'a> Reader<'a> {
    /// A field's attribute: its own, else its definition's.
    fn attr<'b>(&self, field: &'b Node, def: Option<&'b Node>, key: &str) -> Option<&'b Node> {
        field.get(key).or_else(|| def.and_then(|d| d.get(key)))
    }

    fn definition(&mut self, field: &'a Node, at: &str) -> Option<&'a Node> {
        let r = field.get("$ref").and_then(Node::as_str)?;
        let found = r
            .strip_prefix("#/definitions/")
            .and_then(|name| self.root.get("definitions")?.get(name));
        if found.is_none() {
            self.dropped.push(format!(
                "{at}: `$ref: {r}` (only `#/definitions/...` is read)"
            ));
        }
        found
    }

    fn field(&mut self, name: &str, f: &'a Node, at: &str, depth: usize) -> Prop {
        let def = self.definition(f, at);
        let get = |k: &str| f.get(k).or_else(|| def.and_then(|d| d.get(k)));
        let ty = text(get("type")).unwrap_or_else(|| "string".into());
        let (logical, format) = logical(&ty);
        let mut p = Prop {
            name: name.to_string(),
            business_name: text(get("title")),
            description: text(get("description")),
            logical,
            required: get("required").is_some_and(Node::is_true),
            unique: get("unique").is_some_and(Node::is_true),
            classification: text(get("classification")).or_else(|| {
                get("pii")
                    .is_some_and(Node::is_true)
                    .then(|| "pii".to_string())
            }),
            references: text(get("references")),
            ..Prop::default()
        };
        if let Some(fmt) = format {
            p.options.push(("format".into(), fmt.into()));
        }
        if matches!(ty.as_str(), "decimal" | "numeric") {
            let n = |k: &str| get(k).and_then(Node::text);
            match (n("precision"), n("scale")) {
                (Some(pr), Some(sc)) => p.physical = Some(format!("decimal({pr},{sc})")),
                (Some(pr), None) => p.physical = Some(format!("decimal({pr})")),
                _ => {}
            }
        }
        super::options_from(&mut p, &|k| {
            let v = get(k)?.to_json();
            // `format: email` is a string's; DCS also writes date formats on timestamps.
            (k != "format" || logical == "string").then_some(v)
        });
        if let Some(values) = get("enum").and_then(Node::as_seq) {
            p.enum_values = values.iter().map(Node::to_json).collect();
        }
        for key in ["examples", "example"] {
            match get(key).map(|n| &n.kind) {
                Some(NodeKind::Seq(items)) => {
                    p.examples = items.iter().map(Node::to_json).collect()
                }
                Some(NodeKind::Scalar(Scalar::Null)) | None => continue,
                Some(_) => p.examples = vec![get(key).map(Node::to_json).unwrap_or_default()],
            }
            break;
        }
        p.tags = get("tags")
            .and_then(Node::as_seq)
            .unwrap_or(&[])
            .iter()
            .filter_map(Node::text)
            .collect();
        for e in entries(get("links")) {
            if let Some(url) = e.value.text() {
                p.links.push((e.key.to_string(), url));
            }
        }
        for e in entries(get("config")) {
            p.custom.push((e.key.to_string(), e.value.to_json()));
        }
        p.quality = self.quality(get("quality"), &format!("{at}.quality"));
        if get("lineage").is_some() {
            self.dropped.push(format!("{at}.lineage"));
        }
        if depth < crate::yaml::NESTING_LIMIT / 4 && self.budget.take() {
            for e in entries(get("fields")) {
                let child = format!("{at}.fields.{}", e.key);
                p.properties
                    .push(self.field(&e.key, &e.value, &child, depth + 1));
            }
            if let Some(items) = get("items") {
                let mut it = self.field("items", items, &format!("{at}.items"), depth + 1);
                it.required = false;
                p.items = Some(Box::new(it));
            }
        }
        p
    }

    /// Quality rules: DCS and ODCS share most keys; the deprecated DCS spellings
    /// are written the ODCS way, and keys ODCS lacks are left out (and listed).
    fn quality(&mut self, q: Option<&Node>, at: &str) -> Vec<Y> {
        let Some(items) = q.and_then(Node::as_seq) else {
            if q.is_some_and(|n| n.as_map().is_some()) {
                // DCS 0.9: `quality: {type: SodaCL, specification: ...}`.
                self.dropped.push(format!(
                    "{at} (a {} specification)",
                    text(q.and_then(|n| n.get("type"))).unwrap_or_default()
                ));
            }
            return Vec::new();
        };
        let mut out = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let mut m = Entries::default();
            let ty = text(item.get("type")).unwrap_or_else(|| "library".into());
            if item.get("type").is_none() {
                m.put("type", Y::str("library"));
            }
            // The keys an ODCS quality rule of this type has, asked of Charter's model.
            let known = model_keys(
                &format!(
                    "schema:\n  - name: x\n    quality:\n      - type: {}\n",
                    quoted(&ty)
                ),
                "/schema/0/quality/0",
            );
            for e in entries(Some(item)) {
                let key = match e.key.as_str() {
                    "mustBeGreaterThanOrEqualTo" => "mustBeGreaterOrEqualTo",
                    "mustBeLessThanOrEqualTo" => "mustBeLessOrEqualTo",
                    k => k,
                };
                if known.contains(&key) && key != "customProperties" {
                    m.put(key, Y::V(e.value.to_json()));
                } else {
                    self.dropped.push(format!("{at}[{i}].{}", e.key));
                }
            }
            out.push(m.done());
        }
        out
    }

    fn model(&mut self, name: &str, m: &'a Node) -> Object {
        let at = format!("models.{name}");
        let mut props = Vec::new();
        for e in entries(m.get("fields")) {
            let child = format!("{at}.fields.{}", e.key);
            props.push(self.field(&e.key, &e.value, &child, 0));
        }
        // Keys: the model's `primaryKey` list, else the fields' own flags in order.
        let listed: Vec<String> = m
            .get("primaryKey")
            .and_then(Node::as_seq)
            .unwrap_or(&[])
            .iter()
            .filter_map(Node::text)
            .collect();
        let flagged: Vec<String> = entries(m.get("fields"))
            .iter()
            .filter(|e| {
                let def = e
                    .value
                    .get("$ref")
                    .and_then(Node::as_str)
                    .and_then(|r| r.strip_prefix("#/definitions/"))
                    .and_then(|d| self.root.get("definitions")?.get(d));
                self.attr(&e.value, def, "primaryKey")
                    .is_some_and(Node::is_true)
            })
            .map(|e| e.key.to_string())
            .collect();
        let keys = if listed.is_empty() { flagged } else { listed };
        for (i, k) in keys.iter().enumerate() {
            if let Some(p) = props.iter_mut().find(|p| &p.name == k) {
                p.key_position = Some(i + 1);
                p.required = true;
            }
        }
        if m.get("examples").is_some() {
            self.dropped.push(format!("{at}.examples"));
        }
        let mut custom = Vec::new();
        for e in entries(m.get("config")) {
            custom.push((e.key.to_string(), e.value.to_json()));
        }
        Object {
            name: name.to_string(),
            physical_name: Some(name.to_string()),
            physical_type: text(m.get("type")).or_else(|| Some("table".into())),
            business_name: text(m.get("title")),
            description: text(m.get("description")),
            tags: m
                .get("tags")
                .and_then(Node::as_seq)
                .unwrap_or(&[])
                .iter()
                .filter_map(Node::text)
                .collect(),
            quality: self.quality(m.get("quality"), &format!("{at}.quality")),
            properties: props,
            custom,
        }
    }

    /// A server: the fields its ODCS type has (asked of Charter's model), the others as
    /// custom properties.
    fn server(&mut self, name: &str, s: &Node) -> Y {
        let ty = text(s.get("type")).unwrap_or_else(|| "custom".into());
        let known = model_keys(
            &format!("servers:\n  - server: x\n    type: {}\n", quoted(&ty)),
            "/servers/0",
        );
        let mut e = Entries::default();
        e.put("server", Y::str(name));
        e.put("type", Y::str(ty.clone()));
        let mut custom = Vec::new();
        for entry in entries(Some(s)) {
            let k = entry.key.as_str();
            match k {
                "type" => {}
                "roles" => {
                    let roles: Vec<Y> = entry
                        .value
                        .as_seq()
                        .unwrap_or(&[])
                        .iter()
                        .filter_map(|r| {
                            let mut re = Entries::default();
                            re.put("role", Y::str(text(r.get("name"))?))
                                .text("description", &text(r.get("description")));
                            Some(re.done())
                        })
                        .collect();
                    e.put("roles", Y::Seq(roles));
                }
                _ if known.contains(&k) && k != "customProperties" => {
                    e.put(k, Y::V(entry.value.to_json()));
                }
                _ => custom.push((k.to_string(), entry.value.to_json())),
            }
        }
        e.put("customProperties", super::custom_properties(&custom));
        e.done()
    }

    /// Service levels as SLA properties.
    fn sla(&mut self, sl: Option<&Node>) -> Vec<Y> {
        let mut out = Vec::new();
        let mut push = |property: &str,
                        value: Value,
                        unit: Option<String>,
                        element: Option<String>,
                        desc: Option<String>| {
            let mut e = Entries::default();
            e.put("property", Y::str(property))
                .put("value", Y::V(value))
                .text("unit", &unit)
                .text("element", &element)
                .text("description", &desc);
            out.push(e.done());
        };
        for e in entries(sl) {
            let v = &e.value;
            let desc = text(v.get("description"));
            match e.key.as_str() {
                "availability" => {
                    if let Some(p) = text(v.get("percentage")) {
                        let n = p.trim_end_matches('%').trim();
                        let value = n
                            .parse::<f64>()
                            .ok()
                            .map(Value::from)
                            .unwrap_or(p.clone().into());
                        push("availability", value, Some("percent".into()), None, desc);
                    }
                }
                "retention" => {
                    if let Some(p) = text(v.get("period")) {
                        let (value, unit) = duration(&p);
                        push(
                            "retention",
                            value,
                            unit,
                            text(v.get("timestampField")),
                            desc,
                        );
                    }
                }
                "latency" | "freshness" => {
                    if let Some(t) = text(v.get("threshold")) {
                        let (value, unit) = duration(&t);
                        let field = text(v.get("timestampField"))
                            .or_else(|| text(v.get("sourceTimestampField")));
                        push(&e.key, value, unit, field, desc);
                    }
                }
                "frequency" => {
                    let (value, unit) = match text(v.get("interval")).as_deref() {
                        Some("hourly") => (Value::from(1), Some("h".to_string())),
                        Some("daily") => (Value::from(1), Some("d".to_string())),
                        Some("weekly") => (Value::from(7), Some("d".to_string())),
                        Some("monthly") => (Value::from(1), Some("m".to_string())),
                        Some(other) => (Value::from(other), None),
                        None => match text(v.get("cron")) {
                            Some(c) => (Value::from(c), Some("cron".to_string())),
                            None => continue,
                        },
                    };
                    push("frequency", value, unit, None, desc);
                }
                other => self.dropped.push(format!("servicelevels.{other}")),
            }
        }
        out
    }
}

/// The keys Charter's model of ODCS v3.2.0 gives the object at `pointer` of a contract made
/// of `body` (a server or quality rule of a given type).
fn model_keys(body: &str, pointer: &str) -> Vec<&'static str> {
    let probe = crate::yaml::parse(&format!("apiVersion: v3.2.0\nkind: DataContract\n{body}"));
    probe
        .root
        .as_ref()
        .map(|r| crate::assist::key_order(r, pointer))
        .unwrap_or_default()
}

fn quoted(s: &str) -> String {
    crate::edit::render(&Scalar::Str(s.into()))
}

/// `P1Y` → (1, y), `25h` → (25, h), `30 min` → (30, min); else the text as it is.
fn duration(s: &str) -> (Value, Option<String>) {
    let t = s.trim();
    if let Some(iso) = t.strip_prefix('P') {
        let time = iso.starts_with('T');
        let body = iso.trim_start_matches('T');
        let split = body.find(|c: char| !c.is_ascii_digit());
        if let Some(i) = split.filter(|i| *i > 0 && *i + 1 == body.len()) {
            let unit = match (&body[i..], time) {
                ("Y", _) => "y",
                ("M", false) => "m",
                ("W", _) => "w",
                ("D", _) => "d",
                ("H", true) => "h",
                ("M", true) => "min",
                ("S", true) => "s",
                _ => return (Value::from(t), None),
            };
            if let Ok(n) = body[..i].parse::<u64>() {
                return (Value::from(n), Some(unit.into()));
            }
        }
        return (Value::from(t), None);
    }
    let i = t
        .find(|c: char| !c.is_ascii_digit() && c != '.')
        .unwrap_or(t.len());
    let unit = t[i..].trim();
    match t[..i].parse::<f64>() {
        Ok(n) if !unit.is_empty() => {
            let value = if n.fract() == 0.0 {
                Value::from(n as i64)
            } else {
                Value::from(n)
            };
            (value, Some(unit.to_string()))
        }
        _ => (Value::from(t), None),
    }
}

/// `5000 USD per month` as price entries.
fn price(billing: &str) -> Option<Y> {
    let mut words = billing.split_whitespace();
    let amount: f64 = words.next()?.parse().ok()?;
    let currency = words.next()?;
    let unit = match words.next() {
        Some("per") | Some("/") => words.next(),
        other => other,
    };
    let mut e = Entries::default();
    let amount = if amount.fract() == 0.0 {
        Value::from(amount as i64)
    } else {
        Value::from(amount)
    };
    e.put("priceAmount", Y::V(amount))
        .put("priceCurrency", Y::str(currency))
        .text("priceUnit", &unit.map(str::to_string));
    Some(e.done())
}

/// The contract a DCS `datacontract.yaml` describes, as YAML; `name` names it when the
/// file has no `info.title`.
pub fn import(text_in: &str, name: &str) -> Result<String, String> {
    let doc = crate::yaml::parse(text_in);
    if let Some(e) = doc.errors.first() {
        return Err(format!(
            "the file can't be read as YAML (line {}): {}",
            e.span.start.line, e.message
        ));
    }
    let Some(root) = doc.root.as_ref().filter(|r| r.as_map().is_some()) else {
        return Err("a datacontract.yaml is a mapping; this file holds something else".into());
    };
    if root.get("dataContractSpecification").is_none() {
        return Err(
            "this is not a Data Contract Specification file: it has no `dataContractSpecification` key"
                .into(),
        );
    }
    let mut r = Reader {
        root,
        dropped: Vec::new(),
        budget: Default::default(),
    };
    let info = root.get("info");
    let terms = root.get("terms");
    let title = text(info.and_then(|i| i.get("title"))).unwrap_or_else(|| name.to_string());

    let mut head: Vec<(String, Y)> = Vec::new();
    let mut description = Entries::default();
    description
        .text("purpose", &text(info.and_then(|i| i.get("description"))))
        .text("usage", &text(terms.and_then(|t| t.get("usage"))))
        .text(
            "limitations",
            &text(terms.and_then(|t| t.get("limitations"))),
        );
    let policies: Vec<(String, String)> = terms
        .and_then(|t| t.get("policies"))
        .and_then(Node::as_seq)
        .unwrap_or(&[])
        .iter()
        .filter_map(|p| Some((text(p.get("name"))?, text(p.get("url"))?)))
        .collect();
    description.put("authoritativeDefinitions", links(&policies));
    head.push(("description".into(), description.done()));

    let mut tail: Vec<(String, Y)> = Vec::new();
    let mut custom = Vec::new();
    if let Some(b) = text(terms.and_then(|t| t.get("billing"))) {
        match price(&b) {
            Some(p) => head.push(("price".into(), p)),
            None => custom.push(("billing".to_string(), Value::from(b))),
        }
    }
    if let Some(n) = text(terms.and_then(|t| t.get("noticePeriod"))) {
        custom.push(("noticePeriod".to_string(), Value::from(n)));
    }

    let servers: Vec<Y> = entries(root.get("servers"))
        .iter()
        .map(|e| r.server(&e.key, &e.value))
        .collect();
    head.push(("servers".into(), Y::Seq(servers)));

    if let Some(owner) = text(info.and_then(|i| i.get("owner"))) {
        head.push(("team".into(), Y::Map(vec![("name".into(), Y::str(owner))])));
    }
    let contact = info.and_then(|i| i.get("contact"));
    let mut support = Vec::new();
    if let Some(url) = text(contact.and_then(|c| c.get("url"))) {
        let mut e = Entries::default();
        e.put(
            "channel",
            Y::str(text(contact.and_then(|c| c.get("name"))).unwrap_or_else(|| "contact".into())),
        )
        .put("url", Y::str(url));
        support.push(e.done());
    }
    if let Some(mail) = text(contact.and_then(|c| c.get("email"))) {
        let mut e = Entries::default();
        e.put("channel", Y::str("email"))
            .put("url", Y::str(format!("mailto:{mail}")));
        support.push(e.done());
    }
    head.push(("support".into(), Y::Seq(support)));

    let objects: Vec<Object> = entries(root.get("models"))
        .iter()
        .map(|e| r.model(&e.key, &e.value))
        .collect();
    tail.push((
        "slaProperties".into(),
        Y::Seq(r.sla(root.get("servicelevels"))),
    ));
    let tags: Vec<Y> = root
        .get("tags")
        .and_then(Node::as_seq)
        .unwrap_or(&[])
        .iter()
        .filter_map(Node::text)
        .map(Y::str)
        .collect();
    tail.push(("tags".into(), Y::Seq(tags)));
    let root_links: Vec<(String, String)> = entries(root.get("links"))
        .iter()
        .filter_map(|e| Some((e.key.to_string(), e.value.text()?)))
        .collect();
    tail.push(("authoritativeDefinitions".into(), links(&root_links)));
    tail.push(("customProperties".into(), super::custom_properties(&custom)));
    if root.get("quality").is_some() {
        // DCS 0.9's contract-level quality block.
        let _ = r.quality(root.get("quality"), "quality");
    }
    if root.get("examples").is_some() {
        r.dropped.push("examples".into());
    }

    if r.budget.exhausted() {
        return Err(super::too_many("data contract"));
    }
    let id = text(root.get("id")).unwrap_or_else(|| id_of(name));
    let status = match text(info.and_then(|i| i.get("status"))).as_deref() {
        Some("in development") | Some("development") => "draft".to_string(),
        Some(s) => s.to_string(),
        None => "active".to_string(),
    };
    let yaml = Contract {
        id,
        name: title,
        version: text(info.and_then(|i| i.get("version"))).unwrap_or_default(),
        status,
        head,
        objects,
        tail,
    }
    .yaml();
    // Names from the file go into comments: a line break in one must not end the comment.
    let one_line = |s: &str| -> String {
        s.chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect()
    };
    let spec = one_line(&text(root.get("dataContractSpecification")).unwrap_or_default());
    let mut out = format!("# Imported from Data Contract Specification {spec} by Charter.\n");
    if !r.dropped.is_empty() {
        out.push_str("# ODCS has no place for these; carry them over by hand if you need them:\n");
        for d in &r.dropped {
            out.push_str(&format!("#   {}\n", one_line(d)));
        }
    }
    out.push_str(&yaml);
    Ok(out)
}
