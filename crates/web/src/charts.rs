//! Charts drawn on the server as SVG: no script, readable by screen readers (`role="img"`,
//! a title and a description that says what the chart shows), coloured by the stylesheet, and
//! always shown beside a table of the same numbers.

use passerelle_core::Locale;

/// Escapes text for SVG (XML).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// One bar: its label, its value, and the value as written (`12`, `4.5`).
#[derive(Debug, Clone)]
pub struct Bar {
    pub label: String,
    pub value: f64,
    pub shown: String,
}

fn open(id: &str, title: &str, description: &str, width: u32, height: u32) -> String {
    let id = escape(id);
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 {width} {height}\" role=\"img\" \
         aria-labelledby=\"{id}-title {id}-desc\" preserveAspectRatio=\"xMinYMin meet\">\
         <title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>",
        escape(title),
        escape(description)
    )
}

/// Horizontal bars, one per label, with their values written at their end.
pub fn bars(id: &str, title: &str, description: &str, bars: &[Bar]) -> String {
    const WIDTH: u32 = 640;
    const LABELS: f64 = 250.0;
    const AREA: f64 = 320.0;
    const ROW: f64 = 28.0;
    let height = (bars.len().max(1) as f64 * ROW + 10.0) as u32;
    let max = bars.iter().map(|b| b.value).fold(0.0_f64, f64::max);
    let mut svg = open(id, title, description, WIDTH, height);
    for (i, bar) in bars.iter().enumerate() {
        let y = 5.0 + i as f64 * ROW;
        let length =
            if max > 0.0 { (bar.value / max * AREA).max(if bar.value > 0.0 { 2.0 } else { 0.0 }) } else { 0.0 };
        svg.push_str(&format!(
            "<text class=\"chart-label\" x=\"{:.0}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>\
             <rect class=\"chart-bar series-0\" x=\"{LABELS:.0}\" y=\"{:.1}\" width=\"{length:.1}\" height=\"{:.1}\" rx=\"2\"></rect>\
             <text class=\"chart-value\" x=\"{:.1}\" y=\"{:.1}\">{}</text>",
            LABELS - 8.0,
            y + ROW * 0.62,
            escape(&shorten(&bar.label, 36)),
            y + 4.0,
            ROW - 8.0,
            LABELS + length + 6.0,
            y + ROW * 0.62,
            escape(&bar.shown),
        ));
    }
    svg.push_str("</svg>");
    svg
}

/// A series of a column chart: its name (for the legend) and one value per category.
#[derive(Debug, Clone)]
pub struct Series {
    pub name: String,
    pub values: Vec<f64>,
}

/// Vertical columns per category (months), one per series side by side, with a legend and a
/// scale.
pub fn columns(
    locale: Locale,
    id: &str,
    title: &str,
    description: &str,
    categories: &[String],
    series: &[Series],
) -> String {
    const WIDTH: f64 = 640.0;
    const HEIGHT: f64 = 280.0;
    const LEFT: f64 = 48.0;
    const TOP: f64 = 34.0;
    const BOTTOM: f64 = 48.0;
    let plot_height = HEIGHT - TOP - BOTTOM;
    let plot_width = WIDTH - LEFT - 10.0;
    let max = series.iter().flat_map(|s| s.values.iter().copied()).fold(0.0_f64, f64::max);
    let scale_max = nice_ceiling(max);
    let mut svg = open(id, title, description, WIDTH as u32, HEIGHT as u32);
    // Legend.
    let mut x = LEFT;
    for (n, s) in series.iter().enumerate() {
        svg.push_str(&format!(
            "<rect class=\"chart-bar series-{n}\" x=\"{x:.0}\" y=\"8\" width=\"12\" height=\"12\"></rect>\
             <text class=\"chart-legend\" x=\"{:.0}\" y=\"18\">{}</text>",
            x + 16.0,
            escape(&s.name)
        ));
        x += 30.0 + s.name.chars().count() as f64 * 7.0;
    }
    // Scale: 0, half, max.
    for step in 0..=2 {
        let value = scale_max * f64::from(step) / 2.0;
        let y = TOP + plot_height - plot_height * f64::from(step) / 2.0;
        svg.push_str(&format!(
            "<line class=\"chart-grid\" x1=\"{LEFT:.0}\" x2=\"{:.0}\" y1=\"{y:.1}\" y2=\"{y:.1}\"></line>\
             <text class=\"chart-axis\" x=\"{:.0}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
            WIDTH - 10.0,
            LEFT - 6.0,
            y + 4.0,
            trim(locale, value)
        ));
    }
    let slot = plot_width / categories.len().max(1) as f64;
    // One label in two (or three…) when they would overlap; the table beside has them all.
    let every = categories.len().div_ceil(12).max(1);
    let bar_width = (slot * 0.8 / series.len().max(1) as f64).min(28.0);
    for (c, category) in categories.iter().enumerate() {
        let left = LEFT + slot * c as f64 + (slot - bar_width * series.len() as f64) / 2.0;
        for (n, s) in series.iter().enumerate() {
            let value = s.values.get(c).copied().unwrap_or(0.0);
            let h = if scale_max > 0.0 { value / scale_max * plot_height } else { 0.0 };
            svg.push_str(&format!(
                "<rect class=\"chart-bar series-{n}\" x=\"{:.1}\" y=\"{:.1}\" width=\"{bar_width:.1}\" height=\"{h:.1}\"></rect>",
                left + bar_width * n as f64,
                TOP + plot_height - h
            ));
        }
        if c % every == 0 {
            svg.push_str(&format!(
                "<text class=\"chart-axis\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
                LEFT + slot * c as f64 + slot / 2.0,
                HEIGHT - BOTTOM + 18.0,
                escape(category)
            ));
        }
    }
    svg.push_str("</svg>");
    svg
}

/// At most `max` characters, with an ellipsis when cut (the table beside has the whole text).
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut cut: String = text.chars().take(max - 1).collect();
    cut.push('…');
    cut
}

/// A round number at or above `value` for the top of a scale.
fn nice_ceiling(value: f64) -> f64 {
    if value <= 0.0 {
        return 1.0;
    }
    let magnitude = 10f64.powf(value.log10().floor());
    for step in [1.0, 2.0, 2.5, 5.0, 10.0] {
        if step * magnitude >= value {
            return step * magnitude;
        }
    }
    10.0 * magnitude
}

/// A value of the scale: whole when it is, else with one decimal in the locale's way.
fn trim(locale: Locale, value: f64) -> String {
    crate::format::decimal(locale, value, if value.fract() == 0.0 { 0 } else { 1 })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charts_are_accessible_images_with_escaped_text() {
        let svg = bars(
            "by-status",
            "Missions by status",
            "Planned: 2; <closed>: 5",
            &[
                Bar { label: "Planned".into(), value: 2.0, shown: "2".into() },
                Bar { label: "R&D \"labs\"".into(), value: 5.0, shown: "5".into() },
            ],
        );
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(svg.contains(r#"role="img""#) && svg.contains(r#"aria-labelledby="by-status-title by-status-desc""#));
        assert!(svg.contains("<title id=\"by-status-title\">Missions by status</title>"));
        assert!(svg.contains("&lt;closed&gt;") && svg.contains("R&amp;D &quot;labs&quot;"));
        assert!(!svg.contains("<closed>"));
        assert!(svg.contains(r#"width="320.0""#), "the largest bar fills the area");
        assert_eq!(shorten("Approuvée — ouverte à la mise en relation", 20), "Approuvée — ouverte…");

        let svg = columns(
            Locale::Fr,
            "months",
            "Missions per month",
            "…",
            &["Jan".into(), "Feb".into()],
            &[
                Series { name: "On site".into(), values: vec![3.0, 7.0] },
                Series { name: "Remote".into(), values: vec![0.0, 1.0] },
            ],
        );
        assert_eq!(svg.matches("<rect").count(), 2 + 4, "a legend swatch per series and a column per value");
        assert!(svg.contains(">10<"), "the scale rounds up to 10");
        assert_eq!(trim(Locale::Fr, 1.25), "1,2");
        assert_eq!(nice_ceiling(0.0), 1.0);
        assert_eq!(nice_ceiling(23.0), 25.0);
    }
}

/// One bar of a timeline: the days it covers, the class that colours it, and what a pointer
/// over it reads.
#[derive(Debug, Clone)]
pub struct Span {
    pub days: passerelle_core::DateRange,
    pub class: &'static str,
    pub tip: String,
}

/// A row of a timeline: its label and its bars, drawn in order (a later bar over an earlier).
#[derive(Debug, Clone)]
pub struct Row {
    pub label: String,
    pub spans: Vec<Span>,
}

/// A timeline over `window`: one row per row given, the months marked (first day, label), and
/// today's line when it falls in the window.
pub fn timeline(
    id: &str,
    title: &str,
    description: &str,
    window: passerelle_core::DateRange,
    months: &[(time::Date, String)],
    today: time::Date,
    rows: &[Row],
) -> String {
    const WIDTH: f64 = 960.0;
    const LABELS: f64 = 270.0;
    const AREA: f64 = WIDTH - LABELS - 10.0;
    const HEAD: f64 = 24.0;
    const ROW: f64 = 24.0;
    let height = HEAD + rows.len().max(1) as f64 * ROW + 6.0;
    let total = window.days() as f64;
    let x = |day: time::Date| LABELS + ((day - window.start()).whole_days() as f64 / total * AREA).clamp(0.0, AREA);
    let mut svg = open(id, title, description, WIDTH as u32, height as u32);
    for (first, label) in months {
        let left = x(*first);
        svg.push_str(&format!(
            "<line class=\"chart-grid\" x1=\"{left:.1}\" x2=\"{left:.1}\" y1=\"{HEAD:.0}\" y2=\"{height:.0}\"></line>\
             <text class=\"chart-axis\" x=\"{:.1}\" y=\"16\">{}</text>",
            left + 4.0,
            escape(label)
        ));
    }
    for (i, row) in rows.iter().enumerate() {
        let y = HEAD + i as f64 * ROW;
        // About 36 characters fit the labels' column; a longer label ends with an ellipsis
        // (the table below the chart has it whole).
        let label: String = if row.label.chars().count() > 36 {
            row.label.chars().take(35).chain(['…']).collect()
        } else {
            row.label.clone()
        };
        svg.push_str(&format!(
            "<text class=\"chart-label\" x=\"{:.0}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
            LABELS - 8.0,
            y + ROW * 0.66,
            escape(&label),
        ));
        for span in &row.spans {
            let (left, right) = (x(span.days.start()), x(span.days.end() + time::Duration::days(1)));
            svg.push_str(&format!(
                "<rect class=\"span {}\" x=\"{left:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" rx=\"3\"><title>{}</title></rect>",
                span.class,
                y + 4.0,
                (right - left).max(2.0),
                ROW - 8.0,
                escape(&span.tip)
            ));
        }
    }
    if window.contains_date(today) {
        let at = x(today);
        svg.push_str(&format!(
            "<line class=\"today\" x1=\"{at:.1}\" x2=\"{at:.1}\" y1=\"{:.0}\" y2=\"{height:.0}\"></line>",
            HEAD - 4.0
        ));
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod timeline_tests {
    use super::*;
    use passerelle_core::DateRange;
    use time::macros::date;

    #[test]
    fn spans_sit_on_their_days_and_are_clipped_to_the_window() {
        let window = DateRange::new(date!(2027 - 03 - 01), date!(2027 - 03 - 30)).unwrap();
        let span = |start, end, label: &str| Row {
            label: label.into(),
            spans: vec![Span {
                days: DateRange::new(start, end).unwrap(),
                class: "planned",
                tip: "<tip & more>".into(),
            }],
        };
        let mut spans = vec![
            span(date!(2027 - 03 - 01), date!(2027 - 03 - 15), "First half"),
            span(date!(2027 - 02 - 01), date!(2027 - 05 - 01), "Longer <than> the window"),
        ];
        // Two bars on one row (a window of availability and a booking in it).
        spans[0].spans.push(Span {
            days: DateRange::new(date!(2027 - 03 - 20), date!(2027 - 03 - 21)).unwrap(),
            class: "available",
            tip: "free".into(),
        });
        let svg = timeline("t", "Title", "Desc", window, &[], date!(2027 - 03 - 16), &spans);
        assert!(svg.contains(r#"class="span available" x="700.7" y="28.0""#), "second bar on the first row: {svg}");
        // 15 of 30 days: half the area (680 px) from the labels' edge (270 px).
        assert!(svg.contains(r#"x="270.0" y="28.0" width="340.0""#), "{svg}");
        assert!(svg.contains(r#"x="270.0" y="52.0" width="680.0""#), "clipped: {svg}");
        assert!(svg.contains("Longer &lt;than&gt; the window") && svg.contains("&lt;tip &amp; more&gt;"));
        assert!(svg.contains(r#"class="today" x1="610.0""#), "today on day 16: {svg}");
        let outside = timeline("t", "T", "D", window, &[], date!(2027 - 04 - 02), &spans);
        assert!(!outside.contains("today"));
    }
}
