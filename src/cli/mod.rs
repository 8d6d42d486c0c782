//! The `claimdesk` command line: subcommands over the store, the edit type and the model,
//! the same code the window uses.

mod args;
mod show;

pub use args::{Cli, Command, ExportFormat};

use crate::edit::{self, Applied, Edit};
use crate::export::review;
use crate::model::{
    Claim, ClaimFilter, ClaimId, Note, PubDate, Relation, RelationKind, Source, Timestamp,
    Workspace, slugify,
};
use crate::store::{Folder, SaveOptions};
use clap::{CommandFactory, Parser};
use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

/// The environment variable that names the reviewer when `--reviewer` is not given.
pub const REVIEWER_VAR: &str = "CLAIMDESK_REVIEWER";

/// Why a command stopped.
#[derive(Debug)]
pub enum Failure {
    /// A problem with the data or the request: printed on stderr, exit code 1.
    Message(String),
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

fn fail<T>(message: impl Into<String>) -> Result<T, Failure> {
    Err(Failure::Message(message.into()))
}

/// Parses the process's arguments, runs the command, and turns the outcome into an exit code:
/// 0 success, 1 a problem with the data or the request, 2 a usage error.
pub fn main() -> ExitCode {
    // `claimdesk DIR` opens the window, so clap reads a mistyped subcommand with arguments
    // (`claimdesk valdate claims`) as two folders; say what it is instead.
    let args: Vec<String> = std::env::args_os()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    if let [first, _, ..] = args.as_slice()
        && !first.starts_with('-')
        && first != "help"
        && Cli::command().find_subcommand(first).is_none()
    {
        let _ = writeln!(
            io::stderr(),
            "claimdesk: unknown command {first:?}; `claimdesk --help` lists the commands"
        );
        return ExitCode::from(2);
    }
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let result = run(cli, &mut out).and_then(|code| {
        out.flush()?;
        Ok(code)
    });
    match result {
        Ok(code) => code,
        Err(Failure::BrokenPipe) => ExitCode::SUCCESS,
        Err(Failure::Message(message)) => {
            let _ = writeln!(io::stderr(), "claimdesk: {message}");
            ExitCode::from(1)
        }
    }
}

/// Runs one command, writing its output to `out`.
pub fn run(cli: Cli, out: &mut dyn Write) -> Result<ExitCode, Failure> {
    let Some(command) = cli.command else {
        crate::app::run(cli.dir).map_err(Failure::Message)?;
        return Ok(ExitCode::SUCCESS);
    };
    match command {
        Command::Validate { dir } => validate(&dir, out),
        Command::List {
            dir,
            statuses,
            tags,
            search,
        } => {
            let (_, ws) = open(&dir)?;
            let mut filter = ClaimFilter {
                tags,
                search: search.unwrap_or_default(),
                ..Default::default()
            };
            for s in statuses {
                filter.statuses.push(find_status(&ws, &s)?);
            }
            let matcher = filter.matcher();
            for claim in ws.claims().filter(|c| matcher.matches(c)) {
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
            let (folder, ws) = open(&dir)?;
            let claim = find_claim(&folder, &ws, &id)?;
            show::write_claim(&ws, claim, out)?;
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
            let (mut folder, mut ws) = open_for_writing(&dir)?;
            let date = match date {
                Some(d) => d.parse::<PubDate>().map_err(Failure::Message)?,
                None => PubDate::default(),
            };
            let id = folder.free_id(&ws, &slugify(&text));
            let (text, claimant) = (text.trim().to_string(), claimant.trim().to_string());
            let mut claim = Claim::new(id.clone(), text, claimant, ws.manifest.initial_status());
            claim.source = Source {
                outlet: outlet.unwrap_or_default(),
                title: title.unwrap_or_default(),
                url: url.unwrap_or_default(),
                date,
                quote: quote.unwrap_or_default(),
            };
            claim.tags = tags
                .into_iter()
                .map(|t| t.trim().to_string())
                .filter(|t| !t.is_empty())
                .collect();
            commit(&mut folder, &mut ws, Edit::AddClaim(Box::new(claim)))?;
            writeln!(out, "{id}")?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Mark {
            dir,
            id,
            status,
            note,
            reviewer,
        } => {
            let (mut folder, mut ws) = open_for_writing(&dir)?;
            let id = find_claim(&folder, &ws, &id)?.id.clone();
            let status = find_status(&ws, &status)?;
            let by = reviewer_name(reviewer);
            let time = now();
            let reason = note.clone().unwrap_or_default();
            let mut steps = vec![Edit::SetStatus {
                id: id.clone(),
                status: status.clone(),
                by: by.clone(),
                time,
                reason,
            }];
            if let Some(text) = note.filter(|n| !n.trim().is_empty()) {
                steps.push(Edit::AddNote {
                    id: id.clone(),
                    note: Note {
                        author: by,
                        time,
                        text,
                    },
                });
            }
            commit(&mut folder, &mut ws, Edit::Batch(steps))?;
            writeln!(out, "{id}: {}", ws.manifest.label(&status))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Note {
            dir,
            id,
            text,
            reviewer,
        } => {
            let (mut folder, mut ws) = open_for_writing(&dir)?;
            let id = find_claim(&folder, &ws, &id)?.id.clone();
            let note = Note {
                author: reviewer_name(reviewer),
                time: now(),
                text,
            };
            commit(&mut folder, &mut ws, Edit::AddNote { id, note })?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Relate {
            dir,
            id,
            kind,
            target,
        } => {
            let (mut folder, mut ws) = open_for_writing(&dir)?;
            let id = find_claim(&folder, &ws, &id)?.id.clone();
            let Some(kind) = RelationKind::from_name(&kind) else {
                let names: Vec<&str> = RelationKind::ALL.iter().map(|k| k.name()).collect();
                return fail(format!(
                    "unknown link kind {kind:?}; use one of {}",
                    names.join(", ")
                ));
            };
            let target = find_claim(&folder, &ws, &target)?.id.clone();
            commit(
                &mut folder,
                &mut ws,
                Edit::AddRelation {
                    id,
                    relation: Relation { kind, target },
                },
            )?;
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
            let (_, ws) = open(&dir)?;
            let statuses = statuses
                .iter()
                .map(|s| find_status(&ws, s))
                .collect::<Result<Vec<_>, _>>()?;
            let text = match format {
                ExportFormat::Review => {
                    review::encode(&review::export(&ws, &reviewer_name(reviewer), &statuses))
                }
                ExportFormat::Csv => crate::export::table::export(&ws, &statuses),
                ExportFormat::Markdown => crate::export::markdown::export(&ws, &statuses),
                ExportFormat::Claimreview => {
                    let Some(site) = site.filter(|s| crate::model::is_web_address(s)) else {
                        return fail(
                            "ClaimReview needs --site URL: the http(s) address where the desk publishes its fact-checks",
                        );
                    };
                    crate::export::claimreview::export(&ws, &site, &statuses)
                }
            };
            write_output(output.as_deref(), &text, out)
        }
        Command::Import {
            dir,
            files,
            reviewer,
        } => import(&dir, &files, reviewer, out),
        Command::Agreement { files } => agreement(&files, out),
        Command::Anchors { dir } => {
            let (_, ws) = open(&dir)?;
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

/// Writes an export to `path` atomically, or to `out`.
fn write_output(path: Option<&Path>, text: &str, out: &mut dyn Write) -> Result<ExitCode, Failure> {
    match path {
        Some(path) => crate::store::write_file_atomic(path, text.as_bytes())
            .map_err(|e| Failure::Message(format!("{}: {e}", path.display())))?,
        None => out.write_all(text.as_bytes())?,
    }
    Ok(ExitCode::SUCCESS)
}

fn read_review_files(files: &[std::path::PathBuf]) -> Result<Vec<review::ReviewFile>, Failure> {
    files
        .iter()
        .map(|path| {
            let bytes = std::fs::read(path)
                .map_err(|e| Failure::Message(format!("{}: {e}", path.display())))?;
            review::decode(path, &bytes).map_err(|d| Failure::Message(d.to_string()))
        })
        .collect()
}

fn import(
    dir: &Path,
    files: &[std::path::PathBuf],
    reviewer: Option<String>,
    out: &mut dyn Write,
) -> Result<ExitCode, Failure> {
    let (json, files): (Vec<&std::path::PathBuf>, Vec<&std::path::PathBuf>) =
        files.iter().partition(|f| {
            f.extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("json"))
        });
    if !json.is_empty() {
        if !files.is_empty() {
            return fail("import ClaimReview (.json) and review files in separate runs");
        }
        return import_claimreview(dir, &json, reviewer, out);
    }
    let files: Vec<std::path::PathBuf> = files.into_iter().cloned().collect();
    let files = read_review_files(&files)?;
    let (mut folder, mut ws) = open_for_writing(dir)?;
    let plan = review::merge(&ws, &files, &reviewer_name(reviewer), now());
    for (id, status) in &plan.statuses_set {
        writeln!(out, "applied\t{id}\t{}", ws.manifest.label(status))?;
    }
    for conflict in &plan.conflicts {
        match conflict {
            review::Conflict::Reviewers { id, verdicts } => {
                let said: Vec<String> = verdicts
                    .iter()
                    .map(|(r, s)| format!("{r}: {}", ws.manifest.label(s)))
                    .collect();
                writeln!(
                    out,
                    "conflict\t{id}\treviewers disagree ({})",
                    said.join(", ")
                )?;
            }
            review::Conflict::Workspace {
                id,
                current,
                theirs,
                reviewers,
            } => writeln!(
                out,
                "conflict\t{id}\tthe workspace says {}, {} say {}",
                ws.manifest.label(current),
                reviewers.join(", "),
                ws.manifest.label(theirs)
            )?,
        }
    }
    for id in &plan.unknown {
        writeln!(out, "unknown\t{id}\tnot in this workspace")?;
    }
    writeln!(
        out,
        "{} status(es) set, {} note(s) and evidence item(s) added, {} conflict(s) not applied",
        plan.statuses_set.len(),
        plan.items_added,
        plan.conflicts.len()
    )?;
    if !plan.edits.is_empty() {
        commit(&mut folder, &mut ws, Edit::Batch(plan.edits))?;
    }
    if plan.conflicts.is_empty() {
        Ok(ExitCode::SUCCESS)
    } else {
        let _ = writeln!(
            io::stderr(),
            "claimdesk: {} conflict(s) not applied; resolve them by hand",
            plan.conflicts.len()
        );
        Ok(ExitCode::from(1))
    }
}

fn import_claimreview(
    dir: &Path,
    files: &[&std::path::PathBuf],
    reviewer: Option<String>,
    out: &mut dyn Write,
) -> Result<ExitCode, Failure> {
    let (mut folder, mut ws) = open_for_writing(dir)?;
    let by = reviewer_name(reviewer);
    let mut added = 0;
    for path in files {
        let text = std::fs::read_to_string(path)
            .map_err(|e| Failure::Message(format!("{}: {e}", path.display())))?;
        let fresh = |claim_text: &str, taken: &[ClaimId]| {
            folder.free_id_except(&ws, &slugify(claim_text), taken)
        };
        let edits = crate::export::claimreview::import(&ws, &text, &by, now(), fresh)
            .map_err(|e| Failure::Message(format!("{}:{e}", path.display())))?;
        let claims = edits
            .iter()
            .filter(|e| matches!(e, Edit::AddClaim(_)))
            .count();
        if !edits.is_empty() {
            commit(&mut folder, &mut ws, Edit::Batch(edits))?;
        }
        writeln!(out, "{}: {claims} claim(s) added", path.display())?;
        added += claims;
    }
    writeln!(out, "{added} claim(s) added")?;
    Ok(ExitCode::SUCCESS)
}

fn agreement(files: &[std::path::PathBuf], out: &mut dyn Write) -> Result<ExitCode, Failure> {
    use crate::export::agreement::Ratings;
    let files = read_review_files(files)?;
    let ratings = Ratings::from_files(&files, &crate::model::Manifest::default().initial_status());
    let rated = ratings
        .units
        .iter()
        .filter(|(_, r)| r.iter().flatten().count() >= 2)
        .count();
    writeln!(out, "Reviewers: {}", ratings.reviewers.join(", "))?;
    writeln!(
        out,
        "Claims: {} ({rated} with two or more verdicts)",
        ratings.units.len()
    )?;
    let counts = ratings.counts();
    let mut statuses: Vec<&crate::model::Status> = counts.iter().flat_map(|c| c.keys()).collect();
    statuses.sort();
    statuses.dedup();
    write!(out, "\n{:<16}", "verdict")?;
    for r in &ratings.reviewers {
        write!(out, "{r:>12}")?;
    }
    writeln!(out)?;
    for s in statuses {
        write!(out, "{:<16}", s.as_str())?;
        for c in &counts {
            write!(out, "{:>12}", c.get(s).copied().unwrap_or(0))?;
        }
        writeln!(out)?;
    }
    let show = |v: Option<f64>, percent: bool| match v {
        Some(v) if percent => format!("{:.1}%", v * 100.0),
        Some(v) => format!("{v:.3}"),
        None => "undefined (too few verdicts, or no variation)".to_string(),
    };
    writeln!(out)?;
    writeln!(
        out,
        "Percent agreement: {}",
        show(ratings.percent_agreement(), true)
    )?;
    if ratings.reviewers.len() == 2 {
        writeln!(
            out,
            "Cohen's kappa: {}",
            show(ratings.cohens_kappa(), false)
        )?;
    }
    writeln!(
        out,
        "Krippendorff's alpha (nominal): {}",
        show(ratings.krippendorff_alpha(), false)
    )?;
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

fn open(dir: &Path) -> Result<(Folder, Workspace), Failure> {
    let (folder, ws) = Folder::open(dir).map_err(|e| Failure::Message(e.to_string()))?;
    let errors = folder.diagnostics().iter().filter(|d| d.is_error()).count();
    if errors > 0 {
        let _ = writeln!(
            io::stderr(),
            "claimdesk: warning: {errors} problem(s) in {}; `claimdesk validate {}` lists them",
            dir.display(),
            dir.display()
        );
    }
    Ok((folder, ws))
}

fn open_for_writing(dir: &Path) -> Result<(Folder, Workspace), Failure> {
    let (folder, ws) = open(dir)?;
    if let Some(why) = folder.read_only_reason() {
        return fail(format!("cannot change this workspace: {why}"));
    }
    Ok((folder, ws))
}

/// Applies `edit` and saves the claims it touched.
fn commit(folder: &mut Folder, ws: &mut Workspace, edit: Edit) -> Result<Applied, Failure> {
    let applied = edit::apply(ws, edit).map_err(|e| Failure::Message(e.to_string()))?;
    folder
        .save(ws, &applied.touched, &SaveOptions::default())
        .map_err(|e| Failure::Message(e.to_string()))?;
    Ok(applied)
}

fn validate(dir: &Path, out: &mut dyn Write) -> Result<ExitCode, Failure> {
    let (folder, ws) = Folder::open(dir).map_err(|e| Failure::Message(e.to_string()))?;
    for d in folder.diagnostics() {
        writeln!(out, "{d}")?;
    }
    let errors = folder.diagnostics().iter().filter(|d| d.is_error()).count();
    let warnings = folder.diagnostics().len() - errors;
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
        let _ = writeln!(io::stderr(), "{d}");
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

fn find_claim<'a>(folder: &Folder, ws: &'a Workspace, id: &str) -> Result<&'a Claim, Failure> {
    let id = ClaimId::new(id.trim()).map_err(Failure::Message)?;
    match ws.get(&id) {
        Some(c) => Ok(c),
        None if folder.is_broken(id.as_str()) => fail(format!(
            "{} did not load; `claimdesk validate {}` says why",
            folder.path_of(&id).display(),
            folder.root().display()
        )),
        None => fail(format!(
            "no claim has the id {id}; `claimdesk list` shows the ids"
        )),
    }
}

fn find_status(ws: &Workspace, typed: &str) -> Result<crate::model::Status, Failure> {
    ws.manifest.find_status(typed).ok_or_else(|| {
        let known: Vec<&str> = ws
            .manifest
            .statuses
            .iter()
            .map(|d| d.key.as_str())
            .collect();
        Failure::Message(format!(
            "unknown status {typed:?}; this workspace knows {}",
            known.join(", ")
        ))
    })
}

/// The reviewer's name when none is given: `$CLAIMDESK_REVIEWER`, else the OS user name.
pub fn default_reviewer() -> String {
    reviewer_name(None)
}

/// `--reviewer`, else `$CLAIMDESK_REVIEWER`, else the account's user name.
fn reviewer_name(given: Option<String>) -> String {
    given
        .into_iter()
        .chain(std::env::var(REVIEWER_VAR).ok())
        .chain(whoami::username().ok())
        .map(|s| s.trim().to_string())
        .find(|s| !s.is_empty())
        .unwrap_or_else(|| "unknown".to_string())
}

/// Now, to the second: sub-second digits would only add noise to the files.
fn now() -> Timestamp {
    Timestamp::from_second(Timestamp::now().as_second()).expect("now is in range")
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
