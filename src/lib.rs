//! claimdesk: a desk for fact-checkers. Claims, who made them, where, and how the desk judges
//! them, kept as RON files in a folder that lives in git.
//!
//! Layers look only down: [`model`] (pure data) → [`store`] (files) → [`edit`] (the one way
//! state changes) → [`cli`].

pub mod app;
pub mod cli;
pub mod edit;
pub mod export;
pub mod generate;
pub mod model;
pub mod session;
pub mod store;
