//! claimdesk: a desk for fact-checkers. Claims, who made them, where, and how the desk judges
//! them, kept as RON files in a folder that lives in git.
//!
//! Layers look only down: [`model`] (pure data) → [`store`] (files) → [`edit`] (the one way
//! state changes) → [`session`] (undo, unsaved claims) → [`desk`] (every workflow, once, over
//! the [`export`] formats); [`cli`] and [`app`] are front ends over the desk that never import
//! each other, and `main.rs` picks one.

#![cfg_attr(test, allow(clippy::unwrap_used))]

pub mod app;
pub mod cli;
pub mod desk;
pub mod edit;
pub mod export;
pub mod generate;
pub mod model;
pub mod session;
pub mod store;
