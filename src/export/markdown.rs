//! A readable report in Markdown: counts per status, then the claims grouped by status with
//! claimant, source link, links to other claims and the latest note.

use crate::model::{Claim, Workspace};
use std::fmt::Write;

/// The report for the claims whose status is in `statuses` (all when empty).
pub fn export(ws: &Workspace, statuses: &[crate::model::Status]) -> String {
    let keep = |c: &&Claim| statuses.is_empty() || statuses.contains(&c.status);
    let mut out = String::new();
    let m = &ws.manifest;
    let _ = writeln!(out, "# {}\n", inline(&m.name));
    if !m.desk.is_empty() {
        let _ = writeln!(out, "Reviewed by {}.\n", inline(&m.desk));
    }
    let _ = writeln!(out, "| Status | Claims |\n|---|---:|");
    for def in &m.statuses {
        let n = ws
            .claims()
            .filter(keep)
            .filter(|c| c.status == def.key)
            .count();
        let _ = writeln!(out, "| {} | {n} |", cell(&def.label));
    }
    for def in &m.statuses {
        let claims: Vec<&Claim> = ws
            .claims()
            .filter(keep)
            .filter(|c| c.status == def.key)
            .collect();
        if claims.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n## {} ({})", inline(&def.label), claims.len());
        for c in claims {
            claim(&mut out, ws, c);
        }
    }
    out
}

fn claim(out: &mut String, ws: &Workspace, c: &Claim) {
    let _ = writeln!(out, "\n### {}\n", inline(&c.text));
    let _ = writeln!(out, "- Claimant: {}", inline(&c.claimant));
    let s = &c.source;
    let name = if s.title.is_empty() {
        &s.outlet
    } else {
        &s.title
    };
    let mut source = if crate::model::is_web_address(&s.url) && !name.is_empty() {
        format!("[{}](<{}>)", inline(name), s.url.trim())
    } else if crate::model::is_web_address(&s.url) {
        format!("<{}>", s.url.trim())
    } else {
        inline(name)
    };
    if !s.outlet.is_empty() && !s.title.is_empty() {
        source.push_str(&format!(", {}", inline(&s.outlet)));
    }
    if !s.date.is_empty() {
        source.push_str(&format!(", {}", s.date));
    }
    if !source.is_empty() {
        let _ = writeln!(out, "- Source: {source}");
    }
    if !s.quote.is_empty() {
        let _ = writeln!(out, "- Quote: “{}”", inline(&s.quote));
    }
    let m = &ws.manifest;
    let other = |id| match ws.get(id) {
        Some(o) => format!(
            "{}: “{}” ({})",
            inline(&o.claimant),
            inline(&o.text),
            m.label(&o.status)
        ),
        None => format!("{id} (missing)"),
    };
    for r in &c.relations {
        let _ = writeln!(out, "- {}: {}", r.kind.forward_label(), other(&r.target));
    }
    for i in ws.incoming(&c.id) {
        let _ = writeln!(out, "- {}: {}", i.kind.reverse_label(), other(&i.from));
    }
    if let Some(n) = c.notes.last() {
        let when = n.time.strftime("%Y-%m-%d");
        let _ = writeln!(
            out,
            "- Latest note ({}, {when}): {}",
            inline(&n.author),
            inline(&n.text)
        );
    }
}

/// Text on one line, with the characters that would start Markdown markup escaped.
fn inline(text: &str) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = String::with_capacity(one_line.len());
    for ch in one_line.chars() {
        if matches!(
            ch,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(ch);
    }
    out
}

fn cell(text: &str) -> String {
    inline(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sample_report_groups_counts_and_links() {
        let (_, ws) = crate::store::Folder::open(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("claims"),
        )
        .unwrap();
        let report = export(&ws, &[]);
        assert!(report.starts_with("# North Korean delegation to Iran (April 2024)\n"));
        assert!(report.contains("| Confirmed | 3 |"), "{report}");
        assert!(report.contains("## Disputed (1)"));
        assert!(report.contains("- Contradicted by: Iranian foreign ministry spokesperson: “Iran's foreign ministry says"), "{report}");
        assert!(report.contains("- Quote: “biased and baseless”"));
        assert!(
            report.contains("- Latest note (Bilal Haddad, 2024-04-26)"),
            "{report}"
        );
        let only = export(&ws, &[crate::model::Status::new("confirmed")]);
        assert!(only.contains("## Confirmed (3)") && !only.contains("## Unreviewed"));
    }

    #[test]
    fn markup_in_claims_is_escaped() {
        assert_eq!(
            inline("*bold* [link](x) | # h\nnext"),
            "\\*bold\\* \\[link\\](x) \\| \\# h next"
        );
    }
}
