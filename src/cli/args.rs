use clap::{Parser, Subcommand, ValueEnum};
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
        /// Publication date: YYYY, YYYY-MM or YYYY-MM-DD.
        #[arg(long)]
        date: Option<String>,
        /// The exact words quoted.
        #[arg(long)]
        quote: Option<String>,
        /// A tag (repeat for several).
        #[arg(long = "tag", value_name = "T")]
        tags: Vec<String>,
    },
    /// Set a claim's status; the change goes into its history (and the note into its notes).
    Mark {
        /// The workspace folder.
        dir: PathBuf,
        /// The claim.
        id: String,
        /// The new status (key or label).
        status: String,
        /// Why: kept in the history entry and added as a note.
        #[arg(long)]
        note: Option<String>,
        /// Who (default: $CLAIMDESK_REVIEWER, else the user name).
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
        /// Who (default: $CLAIMDESK_REVIEWER, else the user name).
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
        /// What to write.
        #[arg(long, value_enum, default_value_t = ExportFormat::Review)]
        format: ExportFormat,
        /// Whose notes and evidence go in (default: $CLAIMDESK_REVIEWER, else the user name).
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
    /// Merge review files (apply what reviewers agree on, report where they disagree), or
    /// read ClaimReview JSON-LD (`.json`) into claims.
    Import {
        /// The workspace folder.
        dir: PathBuf,
        /// Review files.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Who merges (default: $CLAIMDESK_REVIEWER, else the user name).
        #[arg(long)]
        reviewer: Option<String>,
    },
    /// Each anchored claim's quote in its source document: exact, moved, approximate or
    /// orphaned.
    Anchors {
        /// The workspace folder.
        dir: PathBuf,
    },
    /// Agreement between review files over the same claims.
    Agreement {
        /// Two or more review files.
        #[arg(required = true, num_args = 2.., value_name = "FILE")]
        files: Vec<PathBuf>,
    },
}

/// Export formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// A review file (RON) for other reviewers and `claimdesk import`.
    Review,
    /// One row per claim, for spreadsheets.
    Csv,
    /// A readable report grouped by status.
    Markdown,
    /// schema.org ClaimReview JSON-LD for publishing (needs --site).
    Claimreview,
}
