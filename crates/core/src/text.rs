//! Text positions: the core speaks UTF-8 byte offsets; browsers (CodeMirror, DOM) speak
//! UTF-16 code units. This converts between the two without copying the text.

/// Converts byte offsets of one text to UTF-16 offsets.
pub struct Utf16Map {
    /// `(byte offset just after a non-ASCII char, bytes minus UTF-16 units up to there)`.
    steps: Vec<(usize, usize)>,
}

impl Utf16Map {
    pub fn new(text: &str) -> Self {
        let mut steps = Vec::new();
        if !text.is_ascii() {
            let mut delta = 0;
            for (i, c) in text.char_indices() {
                if !c.is_ascii() {
                    delta += c.len_utf8() - c.len_utf16();
                    steps.push((i + c.len_utf8(), delta));
                }
            }
        }
        Utf16Map { steps }
    }

    /// The UTF-16 offset of a byte offset (which should be on a char boundary).
    pub fn utf16(&self, byte: usize) -> usize {
        let i = self.steps.partition_point(|(b, _)| *b <= byte);
        match i {
            0 => byte,
            _ => byte - self.steps[i - 1].1,
        }
    }

    /// The byte offset of a UTF-16 offset of `text` (the text this map was made of), on a
    /// char boundary (an offset inside a surrogate pair gives the pair's start); offsets
    /// past the end give the text's length.
    pub fn byte(&self, text: &str, utf16: usize) -> usize {
        let i = self.steps.partition_point(|(b, d)| b - d <= utf16);
        let mut byte = match i {
            0 => utf16,
            _ => utf16 + self.steps[i - 1].1,
        }
        .min(text.len());
        while !text.is_char_boundary(byte) {
            byte -= 1;
        }
        byte
    }
}

/// The byte offset of a UTF-16 offset (the browser's positions) of `text`, on a char
/// boundary; offsets past the end give the text's length.
pub fn byte_offset(text: &str, utf16: usize) -> usize {
    let mut units = 0;
    for (i, c) in text.char_indices() {
        if units >= utf16 {
            return i;
        }
        units += c.len_utf16();
    }
    text.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_is_identity_and_multibyte_is_counted_in_utf16_units() {
        let m = Utf16Map::new("abc");
        assert_eq!(m.utf16(2), 2);
        let text = "é😀x";
        let m = Utf16Map::new(text);
        assert_eq!(m.utf16(0), 0);
        assert_eq!(m.utf16(2), 1); // after é (2 bytes, 1 unit)
        assert_eq!(m.utf16(6), 3); // after 😀 (4 bytes, 2 units)
        for (byte, units) in [(0, 0), (2, 1), (6, 3), (7, 4)] {
            assert_eq!(m.byte(text, units), byte);
            assert_eq!(byte_offset(text, units), byte);
        }
        assert_eq!(m.byte(text, 2), 2, "inside the surrogate pair: its start");
        assert_eq!(m.byte(text, 99), text.len());
        assert_eq!(m.utf16(7), 4);
        assert_eq!(text.encode_utf16().count(), 4);
    }

    #[test]
    fn utf16_offsets_map_back_to_bytes() {
        let t = "aé😀b";
        let m = Utf16Map::new(t);
        for (byte, _) in t.char_indices().chain([(t.len(), ' ')]) {
            assert_eq!(byte_offset(t, m.utf16(byte)), byte);
        }
        assert_eq!(byte_offset(t, 99), t.len());
    }
}
