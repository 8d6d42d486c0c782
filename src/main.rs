//! Picks the front end: a subcommand runs on the command line, a bare folder opens the window.

fn main() -> std::process::ExitCode {
    let cli = match claimdesk::cli::parse() {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    match cli.command {
        Some(command) => claimdesk::cli::execute(command),
        None => claimdesk::app::main(cli.dir, cli.reviewer),
    }
}
