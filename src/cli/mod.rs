//! The `claimdesk` command line: it parses, calls the desk layer, prints, and exits 1 when a
//! verb fails. Every workflow here is the desk's, the same code the window calls.

mod args;
mod show;
mod terminal;

pub use args::{Cli, Command};

use crate::desk::{self, Desk, DeskError, ExportRequest, Format, HOW_TO_NAME, Imported, Reviewer};
use crate::export::review::Conflict;
use crate::model::{ClaimFilter, PubDate, Relation, RelationKind, Source, Status};
use crate::store::Folder;
use clap::{CommandFactory, Parser};
use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

/// Why a command stopped.
#[derive(Debug)]
pub enum Failure {
    /// A problem with the data or the request: printed on stderr, exit code 1.
    Message(String),
    /// The command cannot run as asked (no reviewer name): printed on stderr, exit code 2.
    Usage(String),
    /// The reader of our output went away (`claimdesk list | head`): not an error.
    BrokenPipe,
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Self {
        if e.kind() == io::ErrorKind::BrokenPipe {
            Failure::BrokenPipe
        } else {
            Failure::Message(e.to_string())
        }
    }
}

impl From<DeskError> for Failure {
    fn from(e: DeskError) -> Self {
        match e {
            DeskError::NoReviewer => Failure::Usage(HOW_TO_NAME.to_string()),
            DeskError::NeedsReason => Failure::Message(
                "this workspace asks for a reason with every status change (require_reason in workspace.ron): give one with --reason \"why\"".into(),
            ),
            DeskError::NeedsSite => Failure::Message(
                "ClaimReview needs --site URL: the http(s) address where the desk publishes its fact-checks".into(),
            ),
            other => Failure::Message(other.to_string()),
        }
    }
}

fn fail<T>(message: impl Into<String>) -> Result<T, Failure> {
    Err(Failure::Message(message.into()))
}

/// "unknown WHAT "typed"; use one of a, b, c".
fn unknown<'a, T>(
    what: &str,
    typed: &str,
    names: impl Iterator<Item = &'a str>,
) -> Result<T, Failure> {
    let names: Vec<&str> = names.collect();
    fail(format!(
        "unknown {what} {typed:?}; use one of {}",
        names.join(", ")
    ))
}

/// Parses the process's arguments. `Err` carries the exit code when clap has already printed
/// help, the version or a usage error (2).
pub fn parse() -> Result<Cli, ExitCode> {
    // `claimdesk DIR` opens the window, so clap reads a mistyped subcommand with arguments
    // (`claimdesk valdate claims`) as two folders; say what it is instead.
    let args: Vec<String> = std::env::args_os()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    if let [first, second, ..] = args.as_slice()
        && !first.starts_with('-')
        && !second.starts_with('-')
        && first != "help"
        && Cli::command().find_subcommand(first).is_none()
    {
        say(&format!(
            "unknown command {first:?}; `claimdesk --help` lists the commands"
        ));
        return Err(ExitCode::from(2));
    }
    Cli::try_parse().map_err(|e| {
        let _ = e.print();
        ExitCode::from(if e.use_stderr() { 2 } else { 0 })
    })
}

/// Runs a subcommand and turns the outcome into an exit code: 0 success, 1 a problem with the
/// data or the request, 2 a usage error.
pub fn execute(command: Command) -> ExitCode {
    let stdout = io::stdout();
    let mut out = stdout.lock();
    // An export to standard output is a file's bytes; everything else is text for a person
    // at a terminal, where text from files must not act as escape sequences.
    let raw = matches!(command, Command::Export { output: None, .. });
    let result = if raw {
        run(command, &mut out)
    } else {
        run(command, &mut terminal::Visible(&mut out))
    };
    let result = result.and_then(|code| {
        out.flush()?;
        Ok(code)
    });
    match result {
        Ok(code) => code,
        Err(Failure::BrokenPipe) => ExitCode::SUCCESS,
        Err(Failure::Message(message)) => {
            say(&message);
            ExitCode::from(1)
        }
        Err(Failure::Usage(message)) => {
            say(&message);
            ExitCode::from(2)
        }
    }
}

/// A line on stderr, its text made visible.
fn say(message: &str) {
    let _ = writeln!(io::stderr(), "claimdesk: {}", terminal::visible(message));
}

/// Runs one command, writing its output to `out`.
pub fn run(command: Command, out: &mut dyn Write) -> Result<ExitCode, Failure> {
    match command {
        Command::Validate { dir } => validate(&dir, out),
        Command::List {
            dir,
            statuses,
            tags,
            search,
            assignee,
            priority,
            overdue,
            awaiting_signoff,
            view,
        } => {
            let desk = open(&dir, None)?;
            let ws = desk.workspace();
            let saved = match view.as_deref() {
                None => None,
                Some(name) => match ws
                    .manifest
                    .views
                    .iter()
                    .find(|v| v.name.eq_ignore_ascii_case(name.trim()))
                {
                    Some(v) => Some(v.filter()),
                    None => {
                        let names = ws.manifest.views.iter().map(|v| v.name.as_str());
                        return unknown("view", name, names);
                    }
                },
            };
            let assigned = desk::AssignmentFilter {
                assignee,
                priority: priority.as_deref().map(parse_priority).transpose()?,
                overdue_on: overdue.then(|| (desk.today(), ws.manifest.initial_status())),
            };
            let mut filter = ClaimFilter {
                tags,
                search: search.unwrap_or_default(),
                ..Default::default()
            };
            for s in statuses {
                filter.statuses.push(desk.find_status(&s)?);
            }
            let saved_matcher = saved.as_ref().map(ClaimFilter::matcher);
            let matcher = filter.matcher();
            for claim in ws
                .claims()
                .filter(|c| matcher.matches(c) && assigned.matches(c))
                .filter(|c| saved_matcher.as_ref().is_none_or(|m| m.matches(c)))
                .filter(|c| {
                    !awaiting_signoff
                        || c.signoff_state(&ws.manifest) == crate::model::SignOffState::Awaiting
                })
            {
                writeln!(
                    out,
                    "{}\t{}\t{}\t{}",
                    claim.id,
                    ws.manifest.label(&claim.status),
                    one_line(&claim.claimant),
                    one_line(&claim.text)
                )?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Show { dir, id } => {
            let desk = open(&dir, None)?;
            let id = desk.find_claim(&id)?;
            let ws = desk.workspace();
            if let Some(claim) = ws.get(&id) {
                show::write_claim(ws, claim, out)?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Add {
            dir,
            text,
            claimant,
            url,
            outlet,
            title,
            date,
            quote,
            tags,
        } => {
            let mut desk = open(&dir, None)?;
            let date = match date {
                Some(d) => PubDate::from_typed(&d).map_err(Failure::Message)?,
                None => PubDate::default(),
            };
            let draft = desk::ClaimDraft {
                text,
                claimant,
                source: Source {
                    outlet: outlet.unwrap_or_default().into(),
                    title: title.unwrap_or_default().into(),
                    url: url.unwrap_or_default().into(),
                    date,
                    quote: quote.unwrap_or_default().into(),
                },
                tags,
                anchor: None,
            };
            let id = desk.add_claim(draft)?;
            save(&mut desk)?;
            writeln!(out, "{id}")?;
            if let Some(checked) = desk.repeats_of(&id) {
                say(&format!(
                    "warning: {id} repeats {}, {}",
                    checked.id,
                    checked.describe()
                ));
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Archive {
            dir,
            source,
            id,
            evidence,
        } => archive(&dir, source, id.as_deref(), evidence.as_deref(), out),
        Command::Mark {
            dir,
            id,
            status,
            note,
            reviewer,
        } => {
            let mut desk = open_as(&dir, reviewer.as_deref())?;
            let id = desk.find_claim(&id)?;
            let status = desk.find_status(&status)?;
            desk.set_verdict(&id, &status, note.as_deref().unwrap_or_default())?;
            save(&mut desk)?;
            let label = desk.workspace().manifest.label(&status).to_string();
            writeln!(out, "{id}: {label}")?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Note {
            dir,
            id,
            text,
            reviewer,
        } => {
            let mut desk = open_as(&dir, reviewer.as_deref())?;
            let id = desk.find_claim(&id)?;
            desk.add_note(&id, &text)?;
            save(&mut desk)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Relate {
            dir,
            id,
            kind,
            target,
        } => {
            let mut desk = open(&dir, None)?;
            let id = desk.find_claim(&id)?;
            let Some(kind) = RelationKind::from_name(&kind) else {
                return unknown(
                    "link kind",
                    &kind,
                    RelationKind::ALL.iter().map(|k| k.name()),
                );
            };
            let target = desk.find_claim(&target)?;
            desk.change(crate::edit::Edit::AddRelation {
                id,
                relation: Relation { kind, target },
            })?;
            save(&mut desk)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Fmt { dir, check } => format(&dir, check, out),
        Command::Export {
            dir,
            format,
            reviewer,
            statuses,
            site,
            output,
        } => {
            let desk = match format {
                Format::Review => open_as(&dir, reviewer.as_deref())?,
                _ => open(&dir, None)?,
            };
            let statuses = statuses
                .iter()
                .map(|s| desk.find_status(s))
                .collect::<Result<Vec<Status>, _>>()?;
            let request = ExportRequest {
                format,
                statuses,
                site,
            };
            let exported = match &output {
                Some(path) => desk.export_to(&request, path)?,
                None => {
                    let exported = desk.export(&request)?;
                    out.write_all(exported.text.as_bytes())?;
                    exported
                }
            };
            for warning in &exported.warnings {
                say(&format!("warning: {warning}"));
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Import {
            dir,
            files,
            reviewer,
        } => {
            let mut desk = open_as(&dir, reviewer.as_deref())?;
            import(&mut desk, &files, out)
        }
        Command::Match {
            dir,
            text,
            queries,
            top,
        } => {
            let desk = open(&dir, None)?;
            match (text, queries) {
                (_, Some(file)) => {
                    let lines = crate::export::read_text(&file).map_err(|d| d.to_string());
                    let lines = lines.map_err(Failure::Message)?;
                    for (n, line) in lines.lines().enumerate() {
                        if line.trim().is_empty() {
                            continue;
                        }
                        for (rank, hit) in desk.match_text(line, top).iter().enumerate() {
                            writeln!(out, "{}\t{}\t{:.3}\t{}", n + 1, rank + 1, hit.score, hit.id)?;
                        }
                    }
                }
                (Some(text), None) => {
                    let ws = desk.workspace();
                    let hits = desk.match_text(&text, top);
                    if hits.is_empty() {
                        // Said on stderr, so that stdout stays the rows (none).
                        say(
                            "no claim shares a word with that text (common words such as \"the\" do not count)",
                        );
                    }
                    for hit in hits {
                        let Some(claim) = ws.get(&hit.id) else {
                            continue;
                        };
                        writeln!(
                            out,
                            "{:.3}\t{}\t{}\t{}",
                            hit.score,
                            hit.id,
                            ws.manifest.label(&claim.status),
                            one_line(&claim.text)
                        )?;
                    }
                }
                (None, None) => return fail("give a TEXT to match, or --queries FILE"),
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Similar {
            dir,
            min,
            per_claim,
            limit,
        } => {
            if !(0.0..=1.0).contains(&min) {
                return fail(format!("--min is a score from 0 to 1, not {min}"));
            }
            let desk = open(&dir, None)?;
            let found = desk.duplicates(min, per_claim, limit);
            for pair in &found.pairs {
                writeln!(out, "{:.3}\t{}\t{}", pair.score, pair.a, pair.b)?;
            }
            if found.left_out > 0 {
                say(&format!(
                    "{} more pair(s) at or above {min:.2} left out: each claim is listed in at most {per_claim} pair(s), its most similar, and at most {limit} pairs in all (--per-claim, --limit)",
                    found.left_out
                ));
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Agreement { files } => agreement(&files, out),
        Command::Hints {
            file,
            threshold,
            each_line,
        } => hints(&file, threshold, each_line, out),
        Command::Assign {
            dir,
            mut ids_and_name,
            priority,
            due,
        } => {
            let name = ids_and_name.pop().unwrap_or_default();
            let mut desk = open(&dir, None)?;
            let ids = find_claims(&desk, &ids_and_name)?;
            let priority = priority.as_deref().map(parse_priority).transpose()?;
            let due = due
                .as_deref()
                .map(|d| {
                    d.trim().parse::<jiff::civil::Date>().map_err(|e| {
                        Failure::Message(format!("--due {d:?}: not a date YYYY-MM-DD ({e})"))
                    })
                })
                .transpose()?;
            desk.assign_to(&ids, &name, priority, due)?;
            save(&mut desk)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Signoff {
            dir,
            id,
            decision,
            note,
            reviewer,
        } => {
            let approve = match decision.trim().to_ascii_lowercase().as_str() {
                "approve" | "approved" => true,
                "reject" | "send-back" => false,
                _ => {
                    return unknown("decision", &decision, ["approve", "reject"].into_iter());
                }
            };
            let mut desk = open_as(&dir, reviewer.as_deref())?;
            let id = desk.find_claim(&id)?;
            desk.sign_off(&id, approve, note.as_deref().unwrap_or_default())?;
            save(&mut desk)?;
            let said = if approve { "signed off" } else { "sent back" };
            writeln!(out, "{id}: {said}")?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Resubmit {
            dir,
            id,
            note,
            reviewer,
        } => {
            let mut desk = open_as(&dir, reviewer.as_deref())?;
            let id = desk.find_claim(&id)?;
            desk.resubmit(&id, note.as_deref().unwrap_or_default())?;
            save(&mut desk)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Unassign { dir, ids } => {
            let mut desk = open(&dir, None)?;
            let ids = find_claims(&desk, &ids)?;
            desk.assign(&ids, None)?;
            save(&mut desk)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::WriteUp { dir, id, text } => {
            let mut desk = open(&dir, None)?;
            let id = desk.find_claim(&id)?;
            desk.set_write_up(&id, &text)?;
            save(&mut desk)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::ClaimantKind { dir, id, kind } => {
            let mut desk = open(&dir, None)?;
            let id = desk.find_claim(&id)?;
            let kind = match kind.trim().to_ascii_lowercase().as_str() {
                "none" | "" => None,
                other => match crate::model::ClaimantKind::from_name(other) {
                    Some(kind) => Some(kind),
                    None => {
                        return unknown(
                            "claimant kind",
                            &kind,
                            ["person", "organization", "none"].into_iter(),
                        );
                    }
                },
            };
            desk.set_claimant_kind(&id, kind)?;
            save(&mut desk)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Resolve {
            dir,
            id,
            field,
            side,
        } => {
            let mut desk = open(&dir, None)?;
            let id = desk.find_claim(&id)?;
            let Some(field) = crate::model::merge::Field::from_name(&field) else {
                let names = crate::model::merge::Field::ALL.iter().map(|f| f.name());
                return unknown("field", &field, names);
            };
            let theirs = match side.trim().to_ascii_lowercase().as_str() {
                "ours" | "mine" => false,
                "theirs" => true,
                other => return fail(format!("{other:?}: say ours or theirs")),
            };
            desk.settle(&id, field, theirs)?;
            save(&mut desk)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::MergeDriver {
            base,
            ours,
            theirs,
            path,
        } => match desk::merge_files(&base, &ours, &theirs, &path)? {
            desk::DriverOutcome::Clean => Ok(ExitCode::SUCCESS),
            desk::DriverOutcome::Conflicts(fields) => {
                let names: Vec<&str> = fields.iter().map(|f| f.name()).collect();
                say(&format!(
                    "{}: changed on both sides: {}; `claimdesk resolve` or the window settles it",
                    path.display(),
                    if names.is_empty() {
                        "the manifest".to_string()
                    } else {
                        names.join(", ")
                    }
                ));
                Ok(ExitCode::from(1))
            }
        },
        Command::GitSetup { dir } => {
            writeln!(out, "{}", desk::git_setup(&dir)?)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Anchors { dir } => {
            let desk = open(&dir, None)?;
            let ws = desk.workspace();
            for claim in ws.claims() {
                let Some(anchor) = &claim.anchor else {
                    continue;
                };
                let state = match ws.document(&anchor.document) {
                    Some(doc) => crate::model::locate(&doc.text, &anchor.quote).state.name(),
                    None => "no document",
                };
                writeln!(
                    out,
                    "{}\t{state}\t{}\t{}",
                    claim.id,
                    anchor.document,
                    one_line(&anchor.quote.exact)
                )?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Generate { dir, claims, seed } => {
            let ws = crate::generate::workspace(claims as usize, seed);
            Folder::create(&dir, &ws).map_err(|e| Failure::Message(e.to_string()))?;
            writeln!(out, "wrote {claims} claims to {}", dir.display())?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// The reviewer for a command that records a name: `--reviewer`, `$CLAIMDESK_REVIEWER`, or
/// git's `user.name` for the workspace; a usage error (exit 2) when none names anyone.
fn identify(flag: Option<&str>, dir: &Path) -> Result<Reviewer, Failure> {
    if let Some(given) = flag
        && Reviewer::new(given).is_none()
    {
        return Err(Failure::Usage(format!(
            "--reviewer {given:?} is not a name: {}",
            desk::NAME_RULE
        )));
    }
    desk::resolve_reviewer(flag, None, Some(dir))
        .map(|(r, _)| r)
        .ok_or_else(|| Failure::Usage(HOW_TO_NAME.to_string()))
}

fn import(
    desk: &mut Desk,
    files: &[std::path::PathBuf],
    out: &mut dyn Write,
) -> Result<ExitCode, Failure> {
    let imports = desk.import(files)?;
    for (path, what) in &imports.files {
        match what {
            Imported::Review {
                reviewer, claims, ..
            } => writeln!(
                out,
                "{}: review by {reviewer}, {claims} claim(s)",
                path.display()
            )?,
            Imported::ClaimReview {
                added,
                already_here,
                without_claim,
            } => {
                let mut skipped = Vec::new();
                if *already_here > 0 {
                    skipped.push(format!(
                        "{already_here} review(s) of claims already here skipped"
                    ));
                }
                if *without_claim > 0 {
                    skipped.push(format!(
                        "{without_claim} review(s) without a claim text skipped"
                    ));
                }
                skipped.push(format!("{added} claim(s) added"));
                writeln!(out, "{}: {}", path.display(), skipped.join("; "))?
            }
        }
    }
    for (id, checked) in &imports.repeats {
        say(&format!(
            "warning: {id} repeats {}, {}",
            checked.id,
            checked.describe()
        ));
    }
    let plan = if imports.has_reviews() {
        desk.apply_agreed()?
    } else {
        Default::default()
    };
    let m = &desk.workspace().manifest;
    for (id, status) in &plan.statuses_set {
        writeln!(out, "applied\t{id}\t{}", m.label(status))?;
    }
    for conflict in &plan.conflicts {
        let kind = match conflict {
            Conflict::UnknownStatus { .. } => "unknown status",
            _ => "conflict",
        };
        writeln!(out, "{kind}\t{}\t{}", conflict.id(), conflict.describe(m))?;
    }
    for id in &plan.unknown {
        writeln!(out, "unknown\t{id}\tnot in this workspace")?;
    }
    for (id, who) in &plan.reworded {
        writeln!(
            out,
            "reworded\t{id}\t{who} judged other wording than the claim has now"
        )?;
    }
    if imports.has_reviews() {
        writeln!(
            out,
            "{} status(es) set, {} note(s) and evidence item(s) added, {} conflict(s) not applied",
            plan.statuses_set.len(),
            plan.items_added,
            plan.conflicts.len()
        )?;
    }
    save(desk)?;
    let mut code = ExitCode::SUCCESS;
    if !plan.conflicts.is_empty() {
        say(&format!(
            "{} conflict(s) not applied; resolve them in the window's Reviews view",
            plan.conflicts.len()
        ));
        code = ExitCode::from(1);
    }
    if !plan.unknown.is_empty() {
        say(&format!(
            "{} claim(s) in the review files are not in this workspace, so nothing about them was recorded; share new claims through git (or ClaimReview), then import again",
            plan.unknown.len()
        ));
        code = ExitCode::from(1);
    }
    Ok(code)
}

/// `claimdesk hints`: the hinted sentences of a document, or a score for every line.
fn hints(
    file: &Path,
    threshold: i32,
    each_line: bool,
    out: &mut dyn Write,
) -> Result<ExitCode, Failure> {
    if each_line {
        let text = desk::read_text_file(file)?;
        for line in text.lines() {
            let scored = crate::model::hints::score(line);
            let flagged = u8::from(scored.score >= threshold);
            let mut why = scored.reasons.join(", ");
            if !scored.against.is_empty() {
                if !why.is_empty() {
                    why.push_str("; ");
                }
                why.push_str("against: ");
                why.push_str(&scored.against.join(", "));
            }
            writeln!(out, "{}\t{flagged}\t{why}", scored.score)?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    let (text, found) = desk::document_hints(file, threshold)?;
    let chars: Vec<char> = text.chars().collect();
    for hint in found {
        let sentence: String = chars[hint.start..hint.end].iter().collect();
        writeln!(
            out,
            "{}\t{}\t{}",
            hint.score,
            hint.reasons.join(", "),
            one_line(&sentence)
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

fn agreement(files: &[std::path::PathBuf], out: &mut dyn Write) -> Result<ExitCode, Failure> {
    let files = desk::read_review_files(files)?;
    let report = desk::agreement(&files)?;
    for warning in report.warnings() {
        say(&format!("warning: {warning}"));
    }
    let ratings = &report.ratings;
    writeln!(out, "Reviewers: {}", ratings.reviewers.join(", "))?;
    writeln!(
        out,
        "Claims: {} ({} with two or more verdicts)",
        ratings.units.len(),
        report.judged_by_two()
    )?;
    let counts = ratings.counts();
    let mut statuses: Vec<&Status> = counts.iter().flat_map(|c| c.keys()).collect();
    statuses.sort();
    statuses.dedup();
    // Columns as wide as the longest name, so long names never run together.
    let width = ratings
        .reviewers
        .iter()
        .map(|r| r.chars().count())
        .max()
        .unwrap_or(0)
        .max(6)
        + 2;
    let first = statuses
        .iter()
        .map(|s| s.as_str().chars().count())
        .max()
        .unwrap_or(0)
        .max(7)
        + 2;
    write!(out, "\n{:<first$}", "verdict")?;
    for r in &ratings.reviewers {
        write!(out, "{:>width$}", one_line(r))?;
    }
    writeln!(out)?;
    for s in statuses {
        write!(out, "{:<first$}", s.as_str())?;
        for c in &counts {
            write!(out, "{:>width$}", c.get(s).copied().unwrap_or(0))?;
        }
        writeln!(out)?;
    }
    writeln!(out)?;
    for (label, value) in report.figures() {
        writeln!(out, "{label}: {value}")?;
    }
    let disagreements = ratings.disagreements();
    writeln!(out, "\nDisagreements: {}", disagreements.len())?;
    for (id, row) in disagreements {
        let said: Vec<String> = ratings
            .reviewers
            .iter()
            .zip(row)
            .map(|(r, s)| format!("{r}: {}", s.as_ref().map_or("-", |s| s.as_str())))
            .collect();
        writeln!(out, "  {id}\t{}", said.join("\t"))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Opens the workspace, warning on stderr when some of its files did not load.
fn open(dir: &Path, reviewer: Option<Reviewer>) -> Result<Desk, Failure> {
    let desk = Desk::open(dir, reviewer)?;
    let errors = desk.errors();
    if errors > 0 {
        say(&format!(
            "warning: {errors} problem(s) in {}; `claimdesk validate {}` lists them",
            dir.display(),
            dir.display()
        ));
    }
    Ok(desk)
}

/// Opens the workspace for a command that records the reviewer's name.
fn open_as(dir: &Path, flag: Option<&str>) -> Result<Desk, Failure> {
    let mut desk = open(dir, None)?;
    desk.set_reviewer(Some(identify(flag, dir)?));
    Ok(desk)
}

/// `archive`: fetch or read, extract, write the source; then, for evidence, record it there.
fn archive(
    dir: &Path,
    source: Option<String>,
    id: Option<&str>,
    evidence: Option<&str>,
    out: &mut dyn Write,
) -> Result<ExitCode, Failure> {
    use crate::desk::archive::{self, ArchiveProgress, Limits, Origin};
    let mut desk = open(dir, None)?;
    let item = evidence
        .map(|typed| desk.find_evidence(typed))
        .transpose()?;
    let typed = match (source, &item) {
        (Some(typed), _) => typed,
        // An address a claim file gives is fetched only from the web: a shared workspace must
        // not make the desk copy a file of this computer into it.
        (None, Some((claim, index, url))) if !url.trim().is_empty() => {
            if !crate::model::is_web_address(url) {
                return fail(format!(
                    "evidence item {} of {claim} links to {url:?}, not an http(s) address: only web pages are archived from evidence",
                    index + 1
                ));
            }
            url.clone()
        }
        (None, Some((claim, index, _))) => {
            return fail(format!(
                "evidence item {} of {claim} has no address; give one to archive",
                index + 1
            ));
        }
        (None, None) => {
            return Err(Failure::Usage(
                "give an http(s) address or a file to archive (or --evidence CLAIM-ID:N)".into(),
            ));
        }
    };
    let origin = Origin::parse(&typed)?;
    let fetched = archive::fetch(
        &origin,
        &Limits::default(),
        &ArchiveProgress::default(),
        desk.clock(),
    )?;
    let prepared = archive::prepare(fetched)?;
    // The evidence is changed first, in memory: an item that refuses the change leaves no
    // source written behind.
    if let Some((claim, index, _)) = &item {
        desk.set_evidence_archive(claim, *index, id.unwrap_or("source"))?;
    }
    let id = desk.add_source(prepared, id)?;
    if let Some((claim, index, _)) = item {
        desk.set_evidence_archive(&claim, index, &id)?;
        save(&mut desk)?;
    }
    writeln!(out, "{id}")?;
    Ok(ExitCode::SUCCESS)
}

/// Writes the claims the command changed.
fn save(desk: &mut Desk) -> Result<(), Failure> {
    match desk.save(Default::default()) {
        // A command line has nobody to ask which value to keep: nothing is written, and the
        // command can run again on the other side's version.
        Err(crate::desk::DeskError::Save(crate::store::SaveError::Unsettled(ids))) => {
            Err(Failure::Message(format!(
                "nothing saved: someone else changed the same fields of {} while this command ran; run it again",
                ids.iter()
                    .map(|i| i.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )))
        }
        result => result.map(drop).map_err(Failure::from),
    }
}

fn validate(dir: &Path, out: &mut dyn Write) -> Result<ExitCode, Failure> {
    let (folder, ws) = Folder::open(dir).map_err(|e| Failure::Message(e.to_string()))?;
    for d in folder.diagnostics() {
        writeln!(out, "{d}")?;
    }
    let errors = folder.diagnostics().iter().filter(|d| d.is_error()).count();
    let warnings = folder.diagnostics().len() - errors;
    // Fields a git merge left for a person count as errors: the claim is not settled.
    let mut conflicts = 0;
    for claim in ws.claims() {
        if let Some(c) = &claim.conflict {
            conflicts += 1;
            let names: Vec<&str> = c.fields.iter().map(|f| f.name()).collect();
            writeln!(
                out,
                "{}: merge conflict in {}; `claimdesk resolve {} {} FIELD ours|theirs` settles it",
                folder.path_of(&claim.id).display(),
                names.join(", "),
                dir.display(),
                claim.id
            )?;
        }
    }
    let errors = errors + conflicts;
    writeln!(
        out,
        "{} claims, {errors} error(s), {warnings} warning(s)",
        ws.len()
    )?;
    Ok(if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn format(dir: &Path, check: bool, out: &mut dyn Write) -> Result<ExitCode, Failure> {
    let (mut folder, ws) = Folder::open(dir).map_err(|e| Failure::Message(e.to_string()))?;
    for d in folder.diagnostics().iter().filter(|d| d.is_error()) {
        let _ = writeln!(io::stderr(), "{}", terminal::visible(&d.to_string()));
    }
    let broken = folder.has_errors();
    if check {
        let stale = folder.unformatted(&ws);
        for path in &stale {
            writeln!(out, "{}", path.display())?;
        }
        return Ok(if stale.is_empty() && !broken {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(1)
        });
    }
    let written = folder
        .format(&ws)
        .map_err(|e| Failure::Message(e.to_string()))?;
    for path in &written {
        writeln!(out, "formatted {}", path.display())?;
    }
    Ok(if broken {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The claims named on the command line; the first unknown one fails the command.
fn find_claims(desk: &Desk, typed: &[String]) -> Result<Vec<crate::model::ClaimId>, Failure> {
    Ok(typed
        .iter()
        .map(|id| desk.find_claim(id))
        .collect::<Result<Vec<_>, _>>()?)
}

/// A priority as typed on the command line.
fn parse_priority(typed: &str) -> Result<crate::model::Priority, Failure> {
    crate::model::Priority::from_name(typed).ok_or_else(|| {
        Failure::Message(format!(
            "unknown priority {typed:?}; use one of high, normal, low"
        ))
    })
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
