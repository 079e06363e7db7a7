//! Shareable review links: base and draft compressed into a URL fragment, so a review can
//! be shared without any server.

use base64::Engine;

const PREFIX: &str = "review=";
/// Refuse to inflate links that would expand beyond this (a hostile link can't freeze the tab).
const MAX_INFLATED: usize = 16 * 1024 * 1024;

/// The fragment (without `#`) carrying both texts.
pub fn encode(base: &str, draft: &str) -> String {
    let payload = serde_json::json!({ "v": 1, "base": base, "draft": draft }).to_string();
    let packed = miniz_oxide::deflate::compress_to_vec(payload.as_bytes(), 9);
    format!(
        "{PREFIX}{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(packed)
    )
}

/// Read a fragment made by [`encode`]; `None` when the fragment is not a review link.
pub fn decode(fragment: &str) -> Option<Result<(String, String), String>> {
    let data = fragment.trim_start_matches('#').strip_prefix(PREFIX)?;
    Some(decode_payload(data))
}

fn decode_payload(data: &str) -> Result<(String, String), String> {
    let broken = |what: &str| format!("this review link is damaged ({what}); ask for a new link");
    let packed = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(data.trim_end_matches('='))
        .map_err(|_| broken("not base64"))?;
    let raw = miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, MAX_INFLATED)
        .map_err(|_| broken("cannot be decompressed"))?;
    let v: serde_json::Value = serde_json::from_slice(&raw).map_err(|_| broken("not JSON"))?;
    match (v["base"].as_str(), v["draft"].as_str()) {
        (Some(b), Some(d)) => Ok((b.to_string(), d.to_string())),
        _ => Err(broken("texts missing")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_damage() {
        let base = crate::templates::ORDERS_EXAMPLE.text;
        let draft = base.replace("value: 5", "value: 15");
        let link = encode(base, &draft);
        assert!(link.len() < base.len(), "{} vs {}", link.len(), base.len());
        assert_eq!(
            decode(&format!("#{link}")),
            Some(Ok((base.to_string(), draft)))
        );
        assert_eq!(decode("#other"), None);
        assert!(decode("review=!!!")
            .unwrap()
            .unwrap_err()
            .contains("damaged"));
        assert!(decode("review=AAAA").unwrap().is_err());
    }
}
