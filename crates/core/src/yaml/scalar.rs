//! YAML 1.2 core-schema resolution of plain scalars.
//!
//! Only *plain* (unquoted) scalars are resolved; quoted and block scalars are always
//! strings. Under YAML 1.2, `yes`/`no`/`on`/`off` and dates such as `2024-01-01` are
//! strings, unlike YAML 1.1 loaders.

use super::Scalar;

/// Resolve a plain scalar's text to its core-schema value.
pub fn resolve_plain(text: &str) -> Scalar {
    not_a_string(text).unwrap_or_else(|| Scalar::Str(text.into()))
}

/// [`resolve_plain`] for text already owned: a string keeps its allocation.
pub fn resolve_plain_owned(text: super::Str) -> Scalar {
    not_a_string(&text).unwrap_or(Scalar::Str(text))
}

/// The null, boolean or number a plain scalar denotes, if it is not a string.
fn not_a_string(text: &str) -> Option<Scalar> {
    // Most plain scalars are words: no core-schema value starts with a letter other
    // than n, N, t, T, f, F.
    match text.as_bytes().first() {
        None => return Some(Scalar::Null),
        Some(b) if b.is_ascii_alphabetic() && !b"nNtTfF".contains(b) => return None,
        _ => {}
    }
    match text {
        "~" | "null" | "Null" | "NULL" => return Some(Scalar::Null),
        "true" | "True" | "TRUE" => return Some(Scalar::Bool(true)),
        "false" | "False" | "FALSE" => return Some(Scalar::Bool(false)),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => {
            return Some(Scalar::Float(f64::INFINITY))
        }
        "-.inf" | "-.Inf" | "-.INF" => return Some(Scalar::Float(f64::NEG_INFINITY)),
        ".nan" | ".NaN" | ".NAN" => return Some(Scalar::Float(f64::NAN)),
        _ => {}
    }
    if let Some(i) = parse_int(text) {
        return Some(i);
    }
    if is_float(text) {
        if let Ok(f) = text.parse::<f64>() {
            return Some(Scalar::Float(f));
        }
    }
    None
}

fn parse_int(text: &str) -> Option<Scalar> {
    let bytes = text.as_bytes();
    if let Some(oct) = text.strip_prefix("0o") {
        if !oct.is_empty() && oct.bytes().all(|b| (b'0'..=b'7').contains(&b)) {
            return i64::from_str_radix(oct, 8).ok().map(Scalar::Int);
        }
        return None;
    }
    if let Some(hex) = text.strip_prefix("0x") {
        if !hex.is_empty() && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return i64::from_str_radix(hex, 16).ok().map(Scalar::Int);
        }
        return None;
    }
    let digits = match bytes.first() {
        Some(b'-') | Some(b'+') => &text[1..],
        _ => text,
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    match text.parse::<i64>() {
        Ok(i) => Some(Scalar::Int(i)),
        // Too large for i64: still a number, kept as a float like JSON parsers do.
        Err(_) => text.parse::<f64>().ok().map(Scalar::Float),
    }
}

/// `[-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?`
fn is_float(text: &str) -> bool {
    let b = text.as_bytes();
    let mut i = 0;
    if matches!(b.first(), Some(b'-') | Some(b'+')) {
        i += 1;
    }
    let int_start = i;
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    let int_digits = i - int_start;
    if i < b.len() && b[i] == b'.' {
        i += 1;
        let s = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if int_digits == 0 && i == s {
            return false;
        }
    } else if int_digits == 0 {
        return false;
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        i += 1;
        if i < b.len() && (b[i] == b'-' || b[i] == b'+') {
            i += 1;
        }
        let s = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == s {
            return false;
        }
    }
    i == b.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_1_2_keeps_yes_no_on_off_and_dates_as_strings() {
        for s in [
            "yes",
            "no",
            "on",
            "off",
            "Yes",
            "NO",
            "y",
            "n",
            "2024-01-01",
            "12:30:00",
        ] {
            assert_eq!(resolve_plain(s), Scalar::Str(s.into()), "{s}");
        }
    }

    #[test]
    fn core_schema_values() {
        assert_eq!(resolve_plain("~"), Scalar::Null);
        assert_eq!(resolve_plain("null"), Scalar::Null);
        assert_eq!(resolve_plain("True"), Scalar::Bool(true));
        assert_eq!(resolve_plain("false"), Scalar::Bool(false));
        assert_eq!(resolve_plain("42"), Scalar::Int(42));
        assert_eq!(resolve_plain("-7"), Scalar::Int(-7));
        assert_eq!(resolve_plain("0x1F"), Scalar::Int(31));
        assert_eq!(resolve_plain("0o17"), Scalar::Int(15));
        assert_eq!(resolve_plain("1.5"), Scalar::Float(1.5));
        assert_eq!(resolve_plain("1e3"), Scalar::Float(1000.0));
        assert_eq!(resolve_plain(".5"), Scalar::Float(0.5));
        assert_eq!(resolve_plain("1."), Scalar::Float(1.0));
        assert_eq!(resolve_plain("v3.1.0"), Scalar::Str("v3.1.0".into()));
        assert_eq!(resolve_plain("1.0.0"), Scalar::Str("1.0.0".into()));
        assert_eq!(resolve_plain("0x"), Scalar::Str("0x".into()));
        assert_eq!(resolve_plain("."), Scalar::Str(".".into()));
        assert_eq!(resolve_plain("1e"), Scalar::Str("1e".into()));
        assert!(matches!(resolve_plain(".nan"), Scalar::Float(f) if f.is_nan()));
    }
}
