//! Reading back `&'static str` fields (catalogue codes, rule ids and titles, standard names)
//! when a report crosses from the app's checking worker to the page as JSON.
//!
//! Every such string comes from a fixed catalogue, so each distinct one is allocated once and
//! kept; an unexpected flood of distinct strings stops being kept after [`LIMIT`] and reads
//! as `"unknown"` instead of growing memory without bound.

use serde::{Deserialize, Deserializer};
use std::cell::RefCell;
use std::collections::HashSet;

/// How many distinct strings are kept (the catalogues hold a few hundred).
pub const LIMIT: usize = 4096;

thread_local! {
    static KEPT: RefCell<HashSet<&'static str>> = RefCell::new(HashSet::new());
}

/// The one kept copy of `s`.
pub fn intern(s: &str) -> &'static str {
    KEPT.with(|kept| {
        let mut kept = kept.borrow_mut();
        if let Some(k) = kept.get(s) {
            return *k;
        }
        if kept.len() >= LIMIT {
            return "unknown";
        }
        let k: &'static str = Box::leak(s.to_owned().into_boxed_str());
        kept.insert(k);
        k
    })
}

/// A `&'static str` field read back through [`de`]. (Spelt as an alias so serde does not
/// take the field for one borrowed from the input.)
pub type Static = &'static str;

/// `#[serde(deserialize_with = "crate::intern::de")]` for a `&'static str` field.
pub fn de<'de, D: Deserializer<'de>>(d: D) -> Result<&'static str, D::Error> {
    let s = std::borrow::Cow::<str>::deserialize(d)?;
    Ok(intern(&s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_copy_per_string() {
        let a = intern("yaml-syntax");
        let b = intern(&String::from("yaml-syntax"));
        assert!(std::ptr::eq(a, b));
    }

    #[test]
    fn bounded() {
        for i in 0..LIMIT + 10 {
            intern(&format!("s{i}"));
        }
        assert_eq!(intern("never seen before"), "unknown");
        assert_eq!(intern("s1"), "s1");
    }
}
