//! What leaves and enters a workspace besides its own files: review files for other reviewers
//! and editors, and the agreement between reviewers.

pub mod agreement;
pub mod claimreview;
pub mod markdown;
pub mod review;
pub mod table;
