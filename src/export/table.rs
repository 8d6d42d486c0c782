//! CSV: one row per claim under a header row, RFC 4180 quoting (the csv crate), for
//! spreadsheets and scripts.

use crate::model::{Claim, SignOffState, Workspace};

/// The header row. Columns added later go at the end, so scripts that read by position keep
/// working.
pub const COLUMNS: [&str; 22] = [
    "id",
    "status",
    "claimant",
    "text",
    "outlet",
    "title",
    "url",
    "date",
    "quote",
    "tags",
    "links",
    "latest_note",
    "verdict_date",
    "verdict_by",
    "verdict_reason",
    "write_up",
    "assignee",
    "priority",
    "due",
    "evidence_urls",
    "claimant_kind",
    "signoff",
];

/// The claims whose status is in `statuses` (all when empty) as CSV.
pub fn export(ws: &Workspace, statuses: &[crate::model::Status]) -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    writer.write_record(COLUMNS).expect("writing to memory");
    for claim in ws
        .claims()
        .filter(|c| statuses.is_empty() || statuses.contains(&c.status))
    {
        writer
            .write_record(row(ws, claim))
            .expect("writing to memory");
    }
    let bytes = writer.into_inner().expect("writing to memory");
    String::from_utf8(bytes).expect("the fields are UTF-8")
}

fn row(ws: &Workspace, c: &Claim) -> [String; 22] {
    let links: Vec<String> = c
        .relations
        .iter()
        .map(|r| format!("{} {}", r.kind.name(), r.target))
        .collect();
    let verdict = c.verdict();
    let evidence: Vec<&str> = c
        .evidence
        .iter()
        .filter(|e| !e.url.is_empty())
        .map(|e| e.url.as_ref())
        .collect();
    let a = c.assignment.as_ref();
    [
        c.id.to_string(),
        ws.manifest.label(&c.status).to_string(),
        c.claimant.to_string(),
        c.text.to_string(),
        c.source.outlet.to_string(),
        c.source.title.to_string(),
        c.source.url.to_string(),
        c.source.date.to_string(),
        c.source.quote.to_string(),
        c.tags.join("; "),
        links.join("; "),
        c.notes
            .last()
            .map(|n| n.text.to_string())
            .unwrap_or_default(),
        verdict.map(|h| h.time.to_string()).unwrap_or_default(),
        verdict.map(|h| h.by.to_string()).unwrap_or_default(),
        verdict.map(|h| h.reason.to_string()).unwrap_or_default(),
        c.write_up.to_string(),
        a.map(|a| a.assignee.clone()).unwrap_or_default(),
        a.map(|a| a.priority.name().to_string()).unwrap_or_default(),
        a.and_then(|a| a.due)
            .map(|d| d.to_string())
            .unwrap_or_default(),
        evidence.join(" "),
        c.claimant_kind
            .map(|k| k.name().to_string())
            .unwrap_or_default(),
        match c.signoff_state(&ws.manifest) {
            SignOffState::NotNeeded => "",
            SignOffState::Awaiting => "awaiting",
            SignOffState::Approved => "approved",
            SignOffState::SentBack => "sent back",
        }
        .to_string(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ClaimId, Manifest, Note, Status};

    #[test]
    fn hostile_text_survives_a_spreadsheet_reader() {
        let hostile = [
            "comma, inside",
            "a \"quoted\" word",
            "line one\nline two\r\nline three",
            "=HYPERLINK(\"x\")",
            "tab\there; semi",
            "Ünïcödé ✓ 北朝鮮 😀 e\u{301}",
            "  spaces kept  ",
        ];
        let claims = hostile.iter().enumerate().map(|(i, text)| {
            let mut c = Claim::new(
                ClaimId::new(format!("c{i}")).unwrap(),
                text.to_string(),
                format!("{text} (claimant)"),
                Status::new("confirmed"),
            );
            c.notes.push(Note {
                author: "a".into(),
                time: "2024-01-01T00:00:00Z".parse().unwrap(),
                text: (*text).into(),
            });
            c
        });
        let ws = Workspace::from_claims(Manifest::default(), claims.collect::<Vec<_>>());
        let text = export(&ws, &[]);
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        assert_eq!(
            reader.headers().unwrap().iter().collect::<Vec<_>>(),
            COLUMNS
        );
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), hostile.len());
        for (row, text) in rows.iter().zip(hostile) {
            assert_eq!(&row[3], text);
            assert_eq!(row[2], format!("{text} (claimant)"));
            assert_eq!(&row[11], text);
            assert_eq!(&row[1], "Confirmed");
        }
    }
}
