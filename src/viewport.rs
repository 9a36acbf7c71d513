//! Canvas geometry shared by the view code: maps a size in CSS pixels and a
//! device pixel ratio to the canvas backing store, so drawing stays crisp on
//! HiDPI screens. Pure arithmetic, so it is tested natively.

/// A canvas area as the browser lays it out, plus the screen's pixel density.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Viewport {
    /// Width in CSS pixels.
    pub css_width: f64,
    /// Height in CSS pixels.
    pub css_height: f64,
    /// Device pixels per CSS pixel (`window.devicePixelRatio`).
    pub dpr: f64,
}

impl Viewport {
    /// Builds a viewport, replacing values a browser may report mid-layout
    /// (negative, zero or non-finite) with safe ones: sizes become 0, a ratio
    /// becomes 1.
    pub fn new(css_width: f64, css_height: f64, dpr: f64) -> Self {
        let size = |v: f64| if v.is_finite() && v > 0.0 { v } else { 0.0 };
        let dpr = if dpr.is_finite() && dpr > 0.0 {
            dpr
        } else {
            1.0
        };
        Self {
            css_width: size(css_width),
            css_height: size(css_height),
            dpr,
        }
    }

    /// The canvas backing store size in device pixels (`canvas.width`,
    /// `canvas.height`): the CSS size times the ratio, rounded, at least 1×1
    /// so a 2D context can always be created.
    pub fn backing_size(&self) -> (u32, u32) {
        let px = |css: f64| (css * self.dpr).round().clamp(1.0, f64::from(u32::MAX)) as u32;
        (px(self.css_width), px(self.css_height))
    }

    /// True when there is nothing to draw on (the area is collapsed).
    pub fn is_empty(&self) -> bool {
        self.css_width < 1.0 || self.css_height < 1.0
    }
}

#[cfg(test)]
mod tests {
    use super::Viewport;

    #[test]
    fn backing_store_scales_by_device_pixel_ratio() {
        assert_eq!(Viewport::new(640.0, 360.0, 1.0).backing_size(), (640, 360));
        assert_eq!(Viewport::new(640.0, 360.0, 2.0).backing_size(), (1280, 720));
        assert_eq!(Viewport::new(100.5, 33.3, 1.5).backing_size(), (151, 50));
    }

    #[test]
    fn odd_browser_values_are_made_safe() {
        let v = Viewport::new(f64::NAN, -4.0, 0.0);
        assert_eq!(v, Viewport::new(0.0, 0.0, 1.0));
        assert!(v.is_empty());
        assert_eq!(v.backing_size(), (1, 1));
        assert_eq!(Viewport::new(10.0, 10.0, f64::INFINITY).dpr, 1.0);
    }
}
