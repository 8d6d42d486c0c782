use crate::model::{Claim, SignOffState, Workspace, display_time as when};
use std::io::{self, Write};

/// Writes a claim as `claimdesk show` prints it: fields, links both ways with the other
/// claim's claimant and status, evidence, notes and history.
pub fn write_claim(ws: &Workspace, claim: &Claim, out: &mut dyn Write) -> io::Result<()> {
    let m = &ws.manifest;
    writeln!(out, "{}  [{}]", claim.id, m.label(&claim.status))?;
    let signed = claim.signoff.as_ref();
    match claim.signoff_state(m) {
        SignOffState::NotNeeded => {}
        SignOffState::Awaiting => writeln!(out, "Sign-off:  waits for a second reviewer")?,
        SignOffState::Approved => {
            if let Some(s) = signed {
                writeln!(out, "Sign-off:  approved by {} {}", s.by, when(s.time))?;
            }
        }
        SignOffState::SentBack => {
            if let Some(s) = signed {
                writeln!(
                    out,
                    "Sign-off:  sent back by {} {}: {}",
                    s.by,
                    when(s.time),
                    s.note
                )?;
            }
        }
    }
    if let Some(conflict) = &claim.conflict {
        writeln!(
            out,
            "Merge conflict (not settled; `claimdesk resolve` settles it):"
        )?;
        for field in &conflict.fields {
            writeln!(out, "  {:<9} mine:   {}", field.name(), field.value(claim))?;
            writeln!(out, "  {:<9} theirs: {}", "", field.value(&conflict.theirs))?;
        }
    }
    writeln!(out, "Text:      {}", claim.text)?;
    match claim.claimant_kind {
        Some(kind) => writeln!(out, "Claimant:  {} ({})", claim.claimant, kind.name())?,
        None => writeln!(out, "Claimant:  {}", claim.claimant)?,
    }
    let s = &claim.source;
    let mut place: Vec<String> = [s.outlet.as_str(), &s.title]
        .into_iter()
        .filter(|x| !x.is_empty())
        .map(str::to_string)
        .collect();
    if !s.date.is_empty() {
        place.push(s.date.to_string());
    }
    if !place.is_empty() {
        writeln!(out, "Source:    {}", place.join(", "))?;
    }
    if !s.url.is_empty() {
        writeln!(out, "URL:       {}", s.url)?;
    }
    if !s.quote.is_empty() {
        writeln!(out, "Quote:     \"{}\"", s.quote)?;
    }
    if !claim.tags.is_empty() {
        writeln!(out, "Tags:      {}", claim.tags.join(", "))?;
    }
    if let Some(a) = &claim.assignment {
        let due = a.due.map(|d| format!(", due {d}")).unwrap_or_default();
        writeln!(
            out,
            "Assigned:  {} ({} priority{due})",
            a.assignee,
            a.priority.name()
        )?;
    }
    if !claim.write_up.is_empty() {
        writeln!(out, "\nWhat we found:")?;
        for line in claim.write_up.lines() {
            writeln!(out, "  {line}")?;
        }
    }
    let incoming = ws.incoming(&claim.id);
    if !claim.relations.is_empty() || !incoming.is_empty() {
        writeln!(out, "\nLinks:")?;
        let other = |id: &crate::model::ClaimId| match ws.get(id) {
            Some(c) => format!("{id}  {}: {}  [{}]", c.claimant, c.text, m.label(&c.status)),
            None => format!("{id}  (missing)"),
        };
        for r in &claim.relations {
            writeln!(out, "  {:<16} {}", r.kind.forward_label(), other(&r.target))?;
        }
        for i in incoming {
            writeln!(out, "  {:<16} {}", i.kind.reverse_label(), other(&i.from))?;
        }
    }
    if !claim.evidence.is_empty() {
        writeln!(out, "\nEvidence:")?;
        for e in &claim.evidence {
            writeln!(out, "  {:<8} {}", e.stance.name(), e.title)?;
            if !e.url.is_empty() {
                writeln!(out, "           {}", e.url)?;
            }
            if !e.note.is_empty() {
                writeln!(out, "           {}", e.note)?;
            }
            if let Some(source) = &e.archived {
                writeln!(out, "           archived as sources/{source}")?;
            }
            writeln!(out, "           added by {} {}", e.added_by, when(e.added))?;
        }
    }
    if !claim.notes.is_empty() {
        writeln!(out, "\nNotes:")?;
        for n in &claim.notes {
            writeln!(out, "  {} {}:", when(n.time), n.author)?;
            for line in n.text.lines() {
                writeln!(out, "    {line}")?;
            }
        }
    }
    if !claim.history.is_empty() {
        writeln!(out, "\nHistory:")?;
        for h in &claim.history {
            write!(out, "  {} {}: {}", when(h.time), h.by, h.change(m))?;
            if !h.reason.is_empty() {
                write!(out, " ({})", h.reason)?;
            }
            writeln!(out)?;
        }
    }
    Ok(())
}
