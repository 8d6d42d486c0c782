use crate::desk::Format;
use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// A desk for fact-checkers: claims, who made them, where, and how the desk judges them.
#[derive(Debug, Parser)]
#[command(name = "claimdesk", version, args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// What to do; without one, the workspace is opened for review.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// The workspace folder to open.
    pub dir: Option<PathBuf>,
    /// Who is reviewing in the window (default: $CLAIMDESK_REVIEWER, else the name the window
    /// remembers, else git's user.name; else the window asks).
    #[arg(long)]
    pub reviewer: Option<String>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check every file; print every problem; exit 1 if there is an error.
    Validate {
        /// The workspace folder.
        dir: PathBuf,
    },
    /// One line per claim: id, status, claimant, text.
    List {
        /// The workspace folder.
        dir: PathBuf,
        /// Only claims with this status (key or label; repeat for any of several).
        #[arg(long = "status", value_name = "S")]
        statuses: Vec<String>,
        /// Only claims with this tag (repeat for all of several).
        #[arg(long = "tag", value_name = "T")]
        tags: Vec<String>,
        /// Only claims whose id, text, claimant, tags or notes contain TEXT (any case).
        #[arg(long)]
        search: Option<String>,
        /// Only claims assigned to NAME.
        #[arg(long, value_name = "NAME")]
        assignee: Option<String>,
        /// Only assigned claims of this priority: high, normal or low.
        #[arg(long, value_name = "P")]
        priority: Option<String>,
        /// Only assigned claims due before today.
        #[arg(long)]
        overdue: bool,
        /// Only verdicts that wait for a second reviewer's sign-off.
        #[arg(long)]
        awaiting_signoff: bool,
        /// Only the claims a view saved in the workspace keeps (with the other options too).
        #[arg(long, value_name = "NAME")]
        view: Option<String>,
    },
    /// A claim with its links both ways, evidence, notes and history.
    Show {
        /// The workspace folder.
        dir: PathBuf,
        /// The claim.
        id: String,
    },
    /// Add a claim; prints its id.
    Add {
        /// The workspace folder.
        dir: PathBuf,
        /// The assertion, in one sentence.
        #[arg(long)]
        text: String,
        /// Who asserts it.
        #[arg(long)]
        claimant: String,
        /// Where it was published.
        #[arg(long)]
        url: Option<String>,
        /// The outlet that published it.
        #[arg(long)]
        outlet: Option<String>,
        /// The title of the piece.
        #[arg(long)]
        title: Option<String>,
        /// Publication date: 2024-04-24, 24 April 2024, April 24, 2024, April 2024 or 2024.
        #[arg(long)]
        date: Option<String>,
        /// The exact words quoted.
        #[arg(long)]
        quote: Option<String>,
        /// A tag (repeat for several).
        #[arg(long = "tag", value_name = "T")]
        tags: Vec<String>,
    },
    /// Archive a source document: fetch an http(s) page (or read a local .html, .md or .txt
    /// file), keep its bytes in sources/ID.html, its article text in sources/ID.md and what
    /// it says about itself in sources/ID.ron; prints the id.
    Archive {
        /// The workspace folder.
        dir: PathBuf,
        /// An http(s) address or a file; with --evidence, the evidence's own address when
        /// left out.
        #[arg(value_name = "URL|FILE")]
        source: Option<String>,
        /// The document's id (default: made from its title).
        #[arg(long)]
        id: Option<String>,
        /// Archive for this evidence item (CLAIM-ID:N, counting from 1) and record the
        /// archived document on it.
        #[arg(long, value_name = "CLAIM-ID:N")]
        evidence: Option<String>,
    },
    /// Set a claim's status; the change goes into its history (and the note into its notes).
    Mark {
        /// The workspace folder.
        dir: PathBuf,
        /// The claim.
        id: String,
        /// The new status (key or label).
        status: String,
        /// Why: kept in the history entry and added as a note (--reason is the same; a
        /// workspace with `require_reason: true` needs one).
        #[arg(long, visible_alias = "reason")]
        note: Option<String>,
        /// Who (default: $CLAIMDESK_REVIEWER, else git's user.name).
        #[arg(long)]
        reviewer: Option<String>,
    },
    /// Add a note to a claim.
    Note {
        /// The workspace folder.
        dir: PathBuf,
        /// The claim.
        id: String,
        /// The note.
        text: String,
        /// Who (default: $CLAIMDESK_REVIEWER, else git's user.name).
        #[arg(long)]
        reviewer: Option<String>,
    },
    /// Link a claim to another: contradicts, supports, same-as or responds-to.
    Relate {
        /// The workspace folder.
        dir: PathBuf,
        /// The claim that makes the link.
        id: String,
        /// contradicts, supports, same-as or responds-to.
        kind: String,
        /// The other claim.
        target: String,
    },
    /// Rewrite every file in canonical form.
    Fmt {
        /// The workspace folder.
        dir: PathBuf,
        /// Change nothing; list the files that would change and exit 1 if there are any.
        #[arg(long)]
        check: bool,
    },
    /// Write a synthetic workspace of N claims, for tests and benchmarks.
    Generate {
        /// The new workspace folder (must not exist, or be empty).
        dir: PathBuf,
        /// How many claims (at most 1,000,000).
        #[arg(long = "claims", value_name = "N", value_parser = clap::value_parser!(u32).range(0..=1_000_000))]
        claims: u32,
        /// The same seed gives the same files.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Write a review file, a CSV table or a Markdown report.
    Export {
        /// The workspace folder.
        dir: PathBuf,
        /// What to write: review (your own verdicts, notes and evidence, for other reviewers),
        /// csv, markdown, or claimreview (JSON-LD for publishing; needs --site).
        #[arg(long, default_value = "review", value_parser = parse_format)]
        format: Format,
        /// Whose review file (default: $CLAIMDESK_REVIEWER, else git's user.name).
        #[arg(long)]
        reviewer: Option<String>,
        /// Only claims with this status (repeat for several).
        #[arg(long = "status", value_name = "S")]
        statuses: Vec<String>,
        /// Where the desk publishes its fact-checks (ClaimReview `url`s are SITE#id).
        #[arg(long, value_name = "URL")]
        site: Option<String>,
        /// The file to write (replaced atomically); standard output when not given.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Merge review files (apply what reviewers agree on, report where they disagree) and
    /// read ClaimReview JSON-LD (`.json`) into claims; all files, or none when one is
    /// unreadable.
    Import {
        /// The workspace folder.
        dir: PathBuf,
        /// Review files (`.ron`) and ClaimReview files (`.json`).
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Who merges: the history entries name them (default: $CLAIMDESK_REVIEWER, else
        /// git's user.name).
        #[arg(long)]
        reviewer: Option<String>,
    },
    /// Each anchored claim's quote in its source document: exact, moved, approximate or
    /// orphaned.
    Anchors {
        /// The workspace folder.
        dir: PathBuf,
    },
    /// Assign claims to a reviewer (the last name given), in one change.
    Assign {
        /// The workspace folder.
        dir: PathBuf,
        /// The claims, then the reviewer: ID... NAME.
        #[arg(num_args = 2.., required = true, value_name = "ID... NAME")]
        ids_and_name: Vec<String>,
        /// high, normal (the default) or low.
        #[arg(long, value_name = "P")]
        priority: Option<String>,
        /// When the verdict is due: YYYY-MM-DD.
        #[arg(long, value_name = "DATE")]
        due: Option<String>,
    },
    /// Approve a verdict, or send it back to its author with a note (a workspace with
    /// `require_signoff: true`; the verdict's author cannot sign it off).
    Signoff {
        /// The workspace folder.
        dir: PathBuf,
        /// The claim.
        id: String,
        /// approve or reject.
        decision: String,
        /// Why (needed to reject); joins the notes.
        #[arg(long)]
        note: Option<String>,
        /// Who (default: $CLAIMDESK_REVIEWER, else git's user.name).
        #[arg(long)]
        reviewer: Option<String>,
    },
    /// Put a verdict that was sent back up for sign-off again, as it is.
    Resubmit {
        /// The workspace folder.
        dir: PathBuf,
        /// The claim.
        id: String,
        /// What was done about it; joins the notes.
        #[arg(long)]
        note: Option<String>,
        /// Who (default: $CLAIMDESK_REVIEWER, else git's user.name).
        #[arg(long)]
        reviewer: Option<String>,
    },
    /// Take claims' assignments away.
    Unassign {
        /// The workspace folder.
        dir: PathBuf,
        /// The claims.
        #[arg(required = true)]
        ids: Vec<String>,
    },
    /// Set the verdict's explanation for readers ("What we found"); an empty TEXT removes it.
    WriteUp {
        /// The workspace folder.
        dir: PathBuf,
        /// The claim.
        id: String,
        /// The write-up.
        text: String,
    },
    /// Say whether a claim's claimant is a person or an organization (or none: not said).
    ClaimantKind {
        /// The workspace folder.
        dir: PathBuf,
        /// The claim.
        id: String,
        /// person, organization or none.
        kind: String,
    },
    /// Settle a field a git merge left in conflict: keep ours or take theirs.
    Resolve {
        /// The workspace folder.
        dir: PathBuf,
        /// The claim.
        id: String,
        /// The field: text, claimant, claimant_kind, outlet, title, url, date, quote, anchor,
        /// status, write_up, assignment or signoff.
        field: String,
        /// ours or theirs.
        side: String,
    },
    /// git's merge driver for workspace files (set up by `git-setup`): merges BASE, OURS and
    /// THEIRS of the file at PATH into OURS; exits 1 when fields are left in conflict.
    MergeDriver {
        /// git's %O: the common version.
        base: PathBuf,
        /// git's %A: our version, replaced by the result.
        ours: PathBuf,
        /// git's %B: their version.
        theirs: PathBuf,
        /// git's %P: the file's path in the repository.
        path: PathBuf,
    },
    /// Make git merge this workspace's claim files field by field (writes .gitattributes and
    /// registers the merge driver in the repository's config).
    GitSetup {
        /// The workspace folder, inside a git repository.
        dir: PathBuf,
    },
    /// The 5 claims most like TEXT (SCORE, ID, STATUS, TEXT), or with --queries, for each
    /// line of FILE (LINE, RANK, SCORE, ID).
    Match {
        /// The workspace folder.
        dir: PathBuf,
        /// The text to match.
        #[arg(required_unless_present = "queries", conflicts_with = "queries")]
        text: Option<String>,
        /// Match every non-empty line of this file.
        #[arg(long, value_name = "FILE")]
        queries: Option<PathBuf>,
        /// How many claims per text.
        #[arg(long, default_value_t = 5, value_name = "N")]
        top: usize,
    },
    /// Likely duplicate claims: pairs (SCORE, ID, ID) most similar first.
    Similar {
        /// The workspace folder.
        dir: PathBuf,
        /// The lowest score listed, 0 to 1.
        #[arg(long, default_value_t = crate::model::similar::DUPLICATE_THRESHOLD, value_name = "S")]
        min: f32,
        /// List each claim in at most N pairs, its most similar.
        #[arg(long, default_value_t = 3, value_name = "N")]
        per_claim: usize,
        /// List at most N pairs.
        #[arg(long, default_value_t = 1000, value_name = "N")]
        limit: usize,
    },
    /// The check-worthy sentences of a document: score, reasons and sentence, one a line.
    Hints {
        /// A text or Markdown document.
        file: PathBuf,
        /// Hint sentences scoring at least this (the default is the window's).
        #[arg(long, value_name = "T", default_value_t = crate::model::hints::THRESHOLD, allow_negative_numbers = true)]
        threshold: i32,
        /// Score every line of FILE as one sentence and print, for each: score, 1 if it is
        /// hinted at the threshold (else 0), and the reasons (tab-separated).
        #[arg(long)]
        each_line: bool,
    },
    /// Agreement between review files over the same claims.
    Agreement {
        /// Two or more review files.
        #[arg(required = true, num_args = 2.., value_name = "FILE")]
        files: Vec<PathBuf>,
    },
}

/// Reads `--format NAME`.
fn parse_format(name: &str) -> Result<Format, String> {
    Format::from_name(name).ok_or_else(|| {
        let names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
        format!("use one of {}", names.join(", "))
    })
}
