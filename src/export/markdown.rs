//! A readable report in Markdown: counts per status, then the claims grouped by status (the
//! verdicts readers most need first: false, misleading, disputed, unverifiable, confirmed,
//! then anything else, and the claims not reviewed yet last), each with claimant, source link,
//! the verdict with who gave it and why, the write-up, the evidence with its links, links to
//! other claims and the latest note.

use crate::model::{Claim, Stance, StatusDef, Workspace};
use std::fmt::Write;

/// The statuses a report leads with, in this order.
const LEADING: [&str; 5] = [
    "false",
    "misleading",
    "disputed",
    "unverifiable",
    "confirmed",
];

/// The vocabulary in report order: [`LEADING`] first, then the rest in vocabulary order, and
/// the initial status ("unreviewed") last.
fn report_order(ws: &Workspace) -> Vec<&StatusDef> {
    let m = &ws.manifest;
    let initial = m.initial_status();
    let rank = |d: &StatusDef| match LEADING.iter().position(|k| d.key.as_str() == *k) {
        Some(i) => i,
        None if d.key == initial => usize::MAX,
        None => LEADING.len(),
    };
    let mut defs: Vec<&StatusDef> = m.statuses.iter().collect();
    // Stable: statuses of equal rank keep the vocabulary's order.
    defs.sort_by_key(|d| rank(d));
    defs
}

/// The report for the claims whose status is in `statuses` (all when empty).
pub fn export(ws: &Workspace, statuses: &[crate::model::Status]) -> String {
    let m = &ws.manifest;
    let initial = m.initial_status();
    // In a workspace that asks for sign-off, a verdict not signed off is not published.
    let keep = |c: &&Claim| {
        (statuses.is_empty() || statuses.contains(&c.status))
            && (c.status == initial || c.is_publishable(m))
    };
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", inline(&m.name));
    if !m.desk.is_empty() {
        let _ = writeln!(out, "Reviewed by {}.\n", inline(&m.desk));
    }
    let waiting = super::waiting_for_signoff(ws);
    if waiting > 0 {
        let _ = writeln!(
            out,
            "{waiting} verdict(s) wait for a second reviewer's sign-off and are not in this report.\n"
        );
    }
    let _ = writeln!(out, "| Status | Claims |\n|---|---:|");
    let order = report_order(ws);
    for def in &order {
        let n = ws
            .claims()
            .filter(keep)
            .filter(|c| c.status == def.key)
            .count();
        let _ = writeln!(out, "| {} | {n} |", cell(&def.label));
    }
    for def in &order {
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
        s.outlet.as_str()
    } else {
        &s.title
    };
    let mut source = if crate::model::is_web_address(&s.url) && !name.is_empty() {
        format!("[{}](<{}>)", inline(name), url(&s.url))
    } else if crate::model::is_web_address(&s.url) {
        format!("<{}>", url(&s.url))
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
    // A claim not reviewed yet has no verdict to show, and its write-up is a draft.
    let published = c.is_publishable(m);
    if let Some(h) = c.verdict().filter(|_| published) {
        let reason = if h.reason.trim().is_empty() {
            String::new()
        } else {
            format!(": {}", inline(&h.reason))
        };
        let _ = writeln!(
            out,
            "- Verdict: {} ({}, {}){reason}",
            inline(m.label(&c.status)),
            inline(&h.by),
            h.time.strftime("%Y-%m-%d")
        );
    }
    if published && !c.write_up.trim().is_empty() {
        let _ = writeln!(out, "- What we found: {}", inline(&c.write_up));
    }
    if !c.evidence.is_empty() {
        let _ = writeln!(out, "- Evidence:");
        for e in &c.evidence {
            let stance = match e.stance {
                Stance::Supports => "Supports",
                Stance::Refutes => "Refutes",
                Stance::Context => "Context",
            };
            let title = if e.title.trim().is_empty() {
                inline(&e.url)
            } else {
                inline(&e.title)
            };
            let what = if crate::model::is_web_address(&e.url) {
                format!("[{title}](<{}>)", url(&e.url))
            } else {
                title
            };
            let note = if e.note.trim().is_empty() {
                String::new()
            } else {
                format!(": {}", inline(&e.note))
            };
            let _ = writeln!(out, "  - {stance}: {what}{note}");
        }
    }
    let other = |id| match ws.get(id) {
        Some(o) => format!(
            "{}: “{}” ({})",
            inline(&o.claimant),
            inline(&o.text),
            inline(m.label(&o.status))
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

/// An address as a link destination: every character that could end the `<…>` around it,
/// start a new line or be read as markup is percent-encoded, so the address can only ever be
/// one link.
fn url(address: &str) -> String {
    let mut out = String::with_capacity(address.len());
    for ch in address.trim().chars() {
        let unsafe_here = ch.is_control()
            || ch.is_whitespace()
            || matches!(
                ch,
                '<' | '>' | '"' | '\\' | '`' | '{' | '}' | '|' | '^' | '(' | ')' | '[' | ']'
            );
        if unsafe_here {
            let mut buf = [0u8; 4];
            for b in ch.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        } else {
            out.push(ch);
        }
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
        // The disputed verdict waits for sign-off: said, and not published.
        assert!(!report.contains("## Disputed"), "{report}");
        assert!(
            report.contains("1 verdict(s) wait for a second reviewer's sign-off"),
            "{report}"
        );
        assert!(report.contains("- Contradicted by: Iranian foreign ministry spokesperson: “Iran's foreign ministry says"), "{report}");
        assert!(report.contains("- Quote: “biased and baseless”"));
        assert!(
            report.contains("- Latest note (Ana Ferreira, 2024-04-26)"),
            "{report}"
        );
        // Readers get the verdicts that matter most first, the unreviewed last.
        let at = |h: &str| report.find(h).unwrap_or_else(|| panic!("{h}\n{report}"));
        assert!(at("## Misleading") < at("## Unverifiable"));
        assert!(at("## Unverifiable") < at("## Confirmed"));
        assert!(at("## Confirmed") < at("## Unreviewed"));
        assert!(at("| Misleading |") < at("| Unreviewed |"));
        // Evidence, with its link, under its claim.
        assert!(report.contains("- Evidence:\n  - Refutes: "), "{report}");
        let only = export(&ws, &[crate::model::Status::new("confirmed")]);
        assert!(only.contains("## Confirmed (3)") && !only.contains("## Unreviewed"));
    }

    #[test]
    fn a_hostile_address_or_label_cannot_inject_markup() {
        let mut ws = crate::model::fixtures::workspace(&["a", "b"]);
        ws.manifest.statuses[0].label = "<b>Open</b> *now*".into();
        let mut a = ws.get(&crate::model::fixtures::id("a")).unwrap().clone();
        a.source.title = "Report".into();
        a.source.url = "https://example.org/>)<img src=x onerror=alert(1)>\n# Heading".into();
        a.relations.push(crate::model::Relation {
            kind: crate::model::RelationKind::Supports,
            target: crate::model::fixtures::id("b"),
        });
        ws.insert(a);
        let report = export(&ws, &[]);
        assert!(!report.contains("<img"), "{report}");
        assert!(!report.contains("<b>"), "{report}");
        assert!(
            report.contains("(<https://example.org/%3E%29%3Cimg%20src=x%20onerror=alert%281%29%3E%0A#%20Heading>)"),
            "{report}"
        );
        assert!(
            !report.lines().any(|l| l.starts_with("# Heading")),
            "{report}"
        );
        assert!(
            report.contains("(\\<b\\>Open\\</b\\> \\*now\\*)"),
            "{report}"
        );
    }

    #[test]
    fn markup_in_claims_is_escaped() {
        assert_eq!(
            inline("*bold* [link](x) | # h\nnext"),
            "\\*bold\\* \\[link\\](x) \\| \\# h next"
        );
    }
}
