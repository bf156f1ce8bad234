//! The `gongwen` command: wires configuration, logging and the sub-commands of the library
//! crates. Nothing here knows about tantivy or jieba.

use std::io::Read;

use anyhow::Result;
use clap::{Parser, Subcommand};

/// Search and catalog engine for Chinese government documents (公文).
#[derive(Parser)]
#[command(name = "gongwen", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Print every document number (发文字号) found in TEXT (or stdin), canonical, one a line.
    Docnum {
        /// Text to scan; read from standard input when absent.
        text: Option<String>,
    },
}

fn main() -> Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()))
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    match cli.command {
        Command::Docnum { text } => {
            let text = match text {
                Some(t) => t,
                None => {
                    let mut s = String::new();
                    std::io::stdin().read_to_string(&mut s)?;
                    s
                }
            };
            for found in gongwen_schema::extract(&text) {
                println!("{}", found.number);
            }
        }
    }
    Ok(())
}
