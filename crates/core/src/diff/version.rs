//! The version check: the release the changes need against the one declared. Its
//! severity follows the release that is missing (major: breaking, minor: warning, patch:
//! information).

use super::pair::{item_span, span_of, At};
use super::rules::{self as r, Bump, Impact};
use super::{parse_semver, suggested_version, Cx, DiffReport};
use crate::yaml::Node;

/// The release between two versions.
fn actual_bump(base: (u64, u64, u64), new: (u64, u64, u64)) -> Bump {
    if new.0 > base.0 {
        Bump::Major
    } else if new.0 == base.0 && new.1 > base.1 {
        Bump::Minor
    } else if new.0 == base.0 && new.1 == base.1 && new.2 > base.2 {
        Bump::Patch
    } else {
        Bump::None
    }
}

pub(super) fn check(report: &mut DiffReport, base: &Node, new: &Node) {
    if report.required_bump == Bump::None {
        return;
    }
    let (Some(bv), Some(nv)) = (report.base_version.clone(), report.new_version.clone()) else {
        return;
    };
    let (Some(b), Some(n)) = (parse_semver(&bv), parse_semver(&nv)) else {
        return;
    };
    // Before 1.0.0 anything may change in a minor release.
    let mut required = report.required_bump;
    if b.0 == 0 && required == Bump::Major {
        required = Bump::Minor;
    }
    if actual_bump(b, n) >= required {
        return;
    }
    let suggested = suggested_version(report).unwrap_or_default();
    let at = At {
        base: Some((
            base,
            "/version".into(),
            span_of(base, "version", item_span(base)),
        )),
        new: Some((
            new,
            "/version".into(),
            span_of(new, "version", item_span(new)),
        )),
        subject: "version".into(),
        added: false,
    };
    // Missing a major release breaks consumers' upgrade decisions; a minor or patch less so.
    let severity = match required {
        Bump::Major => Impact::Breaking,
        Bump::Minor => Impact::Warning,
        _ => Impact::Info,
    };
    let message = format!(
        "version: the changes need a {} release, but the version went from {bv} to {nv}: declare {suggested} or later.",
        required.as_str()
    );
    let mut cx = Cx {
        mode: report.mode,
        document: report.document,
        out: Vec::new(),
    };
    cx.push(
        &r::VERSION_NOT_BUMPED,
        &at,
        Some(bv),
        Some(nv),
        severity,
        Bump::None,
        message,
    );
    report.findings.append(&mut cx.out);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn releases_between_versions() {
        assert_eq!(actual_bump((1, 4, 0), (2, 0, 0)), Bump::Major);
        assert_eq!(actual_bump((1, 4, 0), (1, 4, 1)), Bump::Patch);
        assert_eq!(actual_bump((1, 4, 0), (1, 4, 0)), Bump::None);
    }
}
