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

/// Colours of the canvas in one theme.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CanvasColors {
    pub background: Rgb,
    pub grid: Rgb,
    pub text: Rgb,
    pub muted: Rgb,
    pub link: Rgb,
    pub cut: Rgb,
    pub island: Rgb,
    pub selection: Rgb,
    pub highlight: Rgb,
    pub granted: Rgb,
    pub refused: Rgb,
    pub timer: Rgb,
    pub down: Rgb,
    /// Clients and their requests and replies: outside the cluster, so in
    /// no term's colour.
    pub client: Rgb,
    /// A reply that sends a client to another server.
    pub redirect: Rgb,
}

/// The canvas colours of `theme`.
pub fn canvas_colors(theme: crate::share::Theme) -> CanvasColors {
    use crate::share::Theme;
    match theme {
        Theme::Dark => CanvasColors {
            background: Rgb(11, 18, 32),
            grid: Rgb(31, 42, 61),
            text: Rgb(226, 232, 240),
            muted: Rgb(138, 153, 179),
            link: Rgb(52, 68, 96),
            cut: Rgb(248, 113, 113),
            island: Rgb(56, 189, 248),
            selection: Rgb(250, 204, 21),
            highlight: Rgb(56, 189, 248),
            granted: Rgb(74, 222, 128),
            refused: Rgb(248, 113, 113),
            timer: Rgb(148, 163, 184),
            down: Rgb(100, 110, 125),
            client: Rgb(203, 213, 225),
            redirect: Rgb(251, 146, 60),
        },
        Theme::Light => CanvasColors {
            background: Rgb(250, 250, 247),
            grid: Rgb(226, 228, 232),
            text: Rgb(20, 24, 33),
            muted: Rgb(98, 108, 125),
            link: Rgb(205, 210, 220),
            cut: Rgb(200, 30, 45),
            island: Rgb(2, 132, 199),
            selection: Rgb(202, 138, 4),
            highlight: Rgb(2, 132, 199),
            granted: Rgb(22, 140, 70),
            refused: Rgb(200, 30, 45),
            timer: Rgb(90, 100, 120),
            down: Rgb(160, 165, 172),
            client: Rgb(51, 65, 85),
            redirect: Rgb(194, 65, 12),
        },
        Theme::Contrast => CanvasColors {
            background: Rgb(0, 0, 0),
            grid: Rgb(40, 40, 40),
            text: Rgb(255, 255, 255),
            muted: Rgb(210, 210, 210),
            link: Rgb(120, 120, 120),
            cut: Rgb(255, 70, 70),
            island: Rgb(0, 220, 255),
            selection: Rgb(255, 230, 0),
            highlight: Rgb(0, 220, 255),
            granted: Rgb(0, 255, 120),
            refused: Rgb(255, 70, 70),
            timer: Rgb(255, 255, 255),
            down: Rgb(130, 130, 130),
            client: Rgb(255, 255, 255),
            redirect: Rgb(255, 160, 0),
        },
    }
}
