//! Colours: one per term (cycling through a palette distinguishable in light,
//! dark and high-contrast themes), and fixed colours for roles and states.

/// An sRGB colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// CSS `rgb()` or `rgba()` text.
    pub fn css(self, alpha: f64) -> String {
        if alpha >= 1.0 {
            format!("rgb({},{},{})", self.0, self.1, self.2)
        } else {
            format!(
                "rgba({},{},{},{:.3})",
                self.0,
                self.1,
                self.2,
                alpha.max(0.0)
            )
        }
    }
}

/// Term colours (Okabe–Ito derived, safe for common colour-vision deficiencies).
const TERMS: [Rgb; 8] = [
    Rgb(0, 114, 178),
    Rgb(230, 159, 0),
    Rgb(0, 158, 115),
    Rgb(204, 121, 167),
    Rgb(86, 180, 233),
    Rgb(213, 94, 0),
    Rgb(120, 94, 240),
    Rgb(150, 150, 40),
];

/// The colour of term `t` (term 0, before any election, is grey).
pub fn term_color(t: u64) -> Rgb {
    if t == 0 {
        Rgb(150, 150, 150)
    } else {
        TERMS[((t - 1) % TERMS.len() as u64) as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neighbouring_terms_differ_and_the_palette_cycles() {
        for t in 1..20 {
            assert_ne!(term_color(t), term_color(t + 1));
        }
        assert_eq!(term_color(1), term_color(9));
        assert_eq!(Rgb(1, 2, 3).css(1.0), "rgb(1,2,3)");
        assert_eq!(Rgb(1, 2, 3).css(0.5), "rgba(1,2,3,0.500)");
    }
}
