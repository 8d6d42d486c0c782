//! schema.org ClaimReview in JSON-LD, the markup search engines read from fact-check pages:
//! one object per reviewed claim, and the reverse, reading such markup into claims.

use crate::edit::Edit;
use crate::model::similar::{CLAIMREVIEW_RATED, CLAIMREVIEW_REASON};
use crate::model::{
    Claim, ClaimId, ClaimantKind, Note, PubDate, Source, Status, Timestamp, Workspace,
};
use serde_json::{Value, json};
use std::collections::HashSet;

/// Where a status sits on the 1 (false) to 5 (true) scale fact-checkers use; statuses with no
/// place on it (unverifiable, a desk's own) are given by name only.
pub fn rating_value(status: &Status) -> Option<u8> {
    match status.as_str() {
        "false" => Some(1),
        "misleading" => Some(2),
        "disputed" => Some(3),
        "confirmed" => Some(5),
        _ => None,
    }
}

/// The ClaimReview array for every publishable verdict (unreviewed claims, and in a workspace
/// that asks for sign-off verdicts not signed off, are left out) whose status is in
/// `statuses` (all when empty). `site` is where the desk publishes its
/// fact-checks; each review's `url` is `site` followed by `#` and the claim's id.
pub fn export(ws: &Workspace, site: &str, statuses: &[Status]) -> String {
    let initial = ws.manifest.initial_status();
    let desk = if ws.manifest.desk.is_empty() {
        &ws.manifest.name
    } else {
        &ws.manifest.desk
    };
    let reviews: Vec<Value> = ws
        .claims()
        .filter(|c| c.status != initial && c.is_publishable(&ws.manifest))
        .filter(|c| statuses.is_empty() || statuses.contains(&c.status))
        .map(|c| review(ws, c, site, desk))
        .collect();
    let mut text =
        serde_json::to_string_pretty(&Value::Array(reviews)).expect("JSON values serialize");
    text.push('\n');
    text
}

fn review(ws: &Workspace, c: &Claim, site: &str, desk: &str) -> Value {
    let mut rating = json!({
        "@type": "Rating",
        "alternateName": ws.manifest.label(&c.status),
    });
    if let Some(v) = rating_value(&c.status) {
        rating["ratingValue"] = json!(v);
        rating["bestRating"] = json!(5);
        rating["worstRating"] = json!(1);
    }
    // Typed only when the desk has said what the claimant is: an outlet is no Person.
    let author = match c.claimant_kind {
        Some(ClaimantKind::Person) => json!({ "@type": "Person", "name": c.claimant }),
        Some(ClaimantKind::Organization) => {
            json!({ "@type": "Organization", "name": c.claimant })
        }
        None => json!({ "name": c.claimant }),
    };
    let mut item = json!({
        "@type": "Claim",
        "author": author,
    });
    if !c.source.date.is_empty() {
        item["datePublished"] = json!(c.source.date.to_string());
    }
    if !c.source.url.is_empty() {
        item["appearance"] = json!({ "@type": "CreativeWork", "url": c.source.url });
    }
    let mut review = json!({
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": format!("{site}#{}", c.id),
        "claimReviewed": c.text,
        "author": { "@type": "Organization", "name": desk },
        "reviewRating": rating,
        "itemReviewed": item,
    });
    if let Some(h) = c.verdict() {
        review["datePublished"] = json!(h.time.strftime("%Y-%m-%d").to_string());
    }
    if !c.write_up.is_empty() {
        review["reviewBody"] = json!(c.write_up);
    }
    review
}

/// What reading ClaimReview gives: the edits that add its claims, and what it left out.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClaimReviewImport {
    /// The edits, to apply as one step.
    pub edits: Vec<Edit>,
    /// Claims added.
    pub added: usize,
    /// Reviews of claims the workspace (or the file, earlier) has already: skipped, whatever
    /// their rating.
    pub already_here: usize,
    /// Reviews without a `claimReviewed` text: nothing to add.
    pub without_claim: usize,
}

/// Reads ClaimReview JSON-LD (one object, an array, or a `@graph`) and returns the edits
/// that add its claims to `ws`: text, claimant, source address and date, and the verdict when
/// the workspace knows it (else the claim stays unreviewed with the rating in a note). A
/// review whose claim is already there (same text and claimant) is skipped, so reading the
/// same file twice adds nothing. `fresh_id` gives a free id for a text.
pub fn import(
    ws: &Workspace,
    json: &str,
    by: &str,
    time: Timestamp,
    mut fresh_id: impl FnMut(&str) -> ClaimId,
) -> Result<ClaimReviewImport, String> {
    let value: Value = serde_json::from_str(json).map_err(|e| {
        // serde_json counts columns from 0 at a line's start; editors count from 1.
        format!("{}:{}: {e}", e.line().max(1), e.column().max(1))
    })?;
    let mut reviews = Vec::new();
    collect(&value, &mut reviews);
    if reviews.is_empty() {
        return Err("1:1: no ClaimReview objects found".into());
    }
    let mut out = ClaimReviewImport::default();
    let edits = &mut out.edits;
    // What is there already, and what this file added: looked up, never scanned per review.
    let mut seen: HashSet<(String, String)> = ws
        .claims()
        .map(|c| (c.text.to_string(), c.claimant.to_string()))
        .collect();
    for r in reviews {
        let text = r["claimReviewed"]
            .as_str()
            .unwrap_or_default()
            .trim()
            .to_string();
        if text.is_empty() {
            out.without_claim += 1;
            continue;
        }
        let item = &r["itemReviewed"];
        let claimant = name_of(&item["author"]).unwrap_or_else(|| "unknown".into());
        if !seen.insert((text.clone(), claimant.clone())) {
            out.already_here += 1;
            continue;
        }
        out.added += 1;
        let id = fresh_id(&text);
        let mut claim = Claim::new(id.clone(), text, claimant, ws.manifest.initial_status());
        claim.claimant_kind = match item["author"]["@type"].as_str() {
            Some("Person") => Some(ClaimantKind::Person),
            Some("Organization" | "NewsMediaOrganization" | "GovernmentOrganization") => {
                Some(ClaimantKind::Organization)
            }
            _ => None,
        };
        claim.source = Source {
            outlet: Default::default(),
            title: Default::default(),
            url: appearance_url(&item["appearance"])
                .unwrap_or_default()
                .into(),
            date: item["datePublished"]
                .as_str()
                .and_then(|d| d.get(..10.min(d.len())))
                .and_then(|d| d.parse::<PubDate>().ok())
                .unwrap_or_default(),
            quote: Default::default(),
        };
        edits.push(Edit::AddClaim(Box::new(claim)));
        let rating = r["reviewRating"]["alternateName"]
            .as_str()
            .unwrap_or_default();
        let reviewer = name_of(&r["author"]).unwrap_or_else(|| "another desk".into());
        // Their explanation is theirs: kept as a note, not as this desk's write-up.
        if let Some(body) = r["reviewBody"]
            .as_str()
            .map(str::trim)
            .filter(|b| !b.is_empty())
        {
            edits.push(Edit::AddNote {
                id: id.clone(),
                note: Note {
                    author: by.into(),
                    time,
                    text: format!("{reviewer} wrote: {body}").into(),
                },
            });
        }
        match ws.manifest.find_status(rating) {
            Some(status) if status != ws.manifest.initial_status() => edits.push(Edit::SetStatus {
                id,
                status,
                by: by.to_string(),
                time,
                reason: format!("{CLAIMREVIEW_REASON}{reviewer}"),
            }),
            _ if !rating.is_empty() => edits.push(Edit::AddNote {
                id,
                note: Note {
                    author: by.into(),
                    time,
                    text: format!("{reviewer}{CLAIMREVIEW_RATED}\"{rating}\"").into(),
                },
            }),
            _ => {}
        }
    }
    Ok(out)
}

fn collect<'a>(value: &'a Value, out: &mut Vec<&'a Value>) {
    match value {
        Value::Array(items) => items.iter().for_each(|v| collect(v, out)),
        Value::Object(map) => {
            if let Some(graph) = map.get("@graph") {
                collect(graph, out);
            }
            // `@type` may be a list, or a full name such as `schema:ClaimReview`.
            let is_review = |t: &Value| {
                t.as_str().is_some_and(|t| {
                    t == "ClaimReview" || t.ends_with("/ClaimReview") || t.ends_with(":ClaimReview")
                })
            };
            let typed = match map.get("@type") {
                Some(Value::Array(types)) => types.iter().any(is_review),
                Some(t) => is_review(t),
                None => false,
            };
            if typed {
                out.push(value);
            }
        }
        _ => {}
    }
}

fn name_of(author: &Value) -> Option<String> {
    match author {
        Value::String(s) => Some(s.clone()),
        Value::Object(_) => author["name"].as_str().map(str::to_string),
        Value::Array(items) => items.iter().find_map(name_of),
        _ => None,
    }
}

fn appearance_url(appearance: &Value) -> Option<String> {
    match appearance {
        Value::String(s) => Some(s.clone()),
        Value::Object(_) => appearance["url"].as_str().map(str::to_string),
        Value::Array(items) => items.iter().find_map(appearance_url),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::slugify;

    fn sample() -> Workspace {
        crate::store::Folder::open(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("claims"))
            .unwrap()
            .1
    }

    #[test]
    fn every_required_field_is_present_and_unreviewed_claims_are_left_out() {
        let ws = sample();
        let text = export(&ws, "https://desk.example.org/checks", &[]);
        let reviews: Vec<Value> = serde_json::from_str(&text).unwrap();
        // The sample asks for sign-off: the one verdict waiting for it is not published.
        let reviewed = ws
            .claims()
            .filter(|c| c.status.as_str() != "unreviewed")
            .count();
        assert_eq!(crate::export::waiting_for_signoff(&ws), 1);
        assert_eq!(reviews.len(), reviewed - 1);
        assert!(
            !text.contains("drills-expanded-after-tests"),
            "waits for sign-off"
        );
        for r in &reviews {
            assert_eq!(r["@context"], "https://schema.org");
            assert_eq!(r["@type"], "ClaimReview");
            for field in ["claimReviewed", "url", "datePublished"] {
                assert!(
                    r[field].as_str().is_some_and(|s| !s.is_empty()),
                    "{field} missing in {r}"
                );
            }
            assert!(r["author"]["name"].as_str().is_some_and(|s| !s.is_empty()));
            assert!(r["reviewRating"]["alternateName"].as_str().is_some());
            assert_eq!(r["itemReviewed"]["@type"], "Claim");
            assert!(r["itemReviewed"]["author"]["name"].as_str().is_some());
        }
        let misleading = reviews
            .iter()
            .find(|r| r["reviewRating"]["alternateName"] == "Misleading")
            .unwrap();
        assert_eq!(misleading["reviewRating"]["ratingValue"], 2);
        assert_eq!(misleading["reviewRating"]["bestRating"], 5);
        assert_eq!(
            misleading["url"],
            "https://desk.example.org/checks#iran-north-korea-back-russia"
        );
    }

    #[test]
    fn a_type_list_or_a_full_type_name_is_a_claim_review() {
        let ws = sample();
        for ty in [
            r#"["ClaimReview", "Thing"]"#,
            r#""schema:ClaimReview""#,
            r#""https://schema.org/ClaimReview""#,
        ] {
            let json = format!(
                r#"{{"@type": {ty}, "claimReviewed": "Tea is hot.", "itemReviewed": {{"author": "x"}}}}"#
            );
            let read = import(&ws, &json, "d", Timestamp::UNIX_EPOCH, |_| {
                ClaimId::new("tea").unwrap()
            })
            .unwrap();
            assert_eq!(read.added, 1, "{ty}");
        }
        let json = r#"[{"@type": "ClaimReview"}, {"@type": "ClaimReview", "claimReviewed": "Tea is hot."}]"#;
        let read = import(&ws, json, "d", Timestamp::UNIX_EPOCH, |_| {
            ClaimId::new("tea").unwrap()
        })
        .unwrap();
        assert_eq!((read.added, read.without_claim), (1, 1));
    }

    #[test]
    fn exported_reviews_parse_back_into_claims() {
        let ws = sample();
        let text = export(&ws, "https://desk.example.org/checks", &[]);
        let empty = Workspace::new(ws.manifest.clone());
        let mut taken: Vec<ClaimId> = Vec::new();
        let mut fresh = |t: &str| {
            let stem = slugify(t);
            let id = (1..)
                .map(|n| {
                    if n == 1 {
                        stem.clone()
                    } else {
                        format!("{stem}-{n}")
                    }
                })
                .map(|s| ClaimId::new(s).unwrap())
                .find(|id| !taken.contains(id))
                .unwrap();
            taken.push(id.clone());
            id
        };
        let edits = import(
            &empty,
            &text,
            "desk",
            "2024-06-01T00:00:00Z".parse().unwrap(),
            &mut fresh,
        )
        .unwrap();
        let mut back = empty.clone();
        crate::edit::apply(&mut back, Edit::Batch(edits.edits)).unwrap();
        for original in ws.claims().filter(|c| c.is_publishable(&ws.manifest)) {
            let copy = back
                .claims()
                .find(|c| c.text == original.text)
                .expect("claim read back");
            assert_eq!(copy.claimant, original.claimant);
            assert_eq!(copy.status, original.status);
            assert_eq!(copy.source.date, original.source.date);
        }
        // Read again into the result: nothing new.
        let again = import(
            &back,
            &text,
            "desk",
            "2024-06-01T00:00:00Z".parse().unwrap(),
            fresh,
        )
        .unwrap();
        assert!(again.edits.is_empty());
        assert_eq!(
            again.already_here,
            back.len(),
            "every claim read back is already here"
        );
    }

    #[test]
    fn graphs_single_objects_and_unknown_ratings() {
        let ws = Workspace::new(crate::model::Manifest::default());
        let json = r#"{"@context":"https://schema.org","@graph":[{"@type":"WebPage"},
            {"@type":"ClaimReview","claimReviewed":"The moon is cheese.","author":{"name":"Other desk"},
             "reviewRating":{"@type":"Rating","alternateName":"Pants on fire"},
             "itemReviewed":{"@type":"Claim","author":"A blogger","datePublished":"2024-03-05T10:00:00Z",
                              "appearance":[{"@type":"CreativeWork","url":"https://example.org/moon"}]}}]}"#;
        let fresh = |_: &str| ClaimId::new("moon").unwrap();
        let edits = import(
            &ws,
            json,
            "desk",
            "2024-06-01T00:00:00Z".parse().unwrap(),
            fresh,
        )
        .unwrap();
        let mut ws2 = ws.clone();
        crate::edit::apply(&mut ws2, Edit::Batch(edits.edits)).unwrap();
        let c = ws2.get(&ClaimId::new("moon").unwrap()).unwrap();
        assert_eq!(
            (
                c.claimant.as_str(),
                &*c.source.url,
                c.source.date.to_string().as_str()
            ),
            ("A blogger", "https://example.org/moon", "2024-03-05")
        );
        assert_eq!(c.status.as_str(), "unreviewed");
        assert!(c.notes[0].text.contains("Pants on fire"));
        assert!(
            import(
                &ws,
                "[1, 2]",
                "d",
                "2024-06-01T00:00:00Z".parse().unwrap(),
                fresh
            )
            .is_err()
        );
        let err = import(
            &ws,
            "{ broken",
            "d",
            "2024-06-01T00:00:00Z".parse().unwrap(),
            fresh,
        )
        .unwrap_err();
        assert!(err.starts_with("1:"), "{err}");
    }

    #[test]
    fn a_claimant_of_unknown_kind_is_not_typed_and_a_write_up_is_the_review_body() {
        let mut ws = crate::model::fixtures::workspace(&["a"]);
        let mut a = ws.get(&crate::model::fixtures::id("a")).unwrap().clone();
        a.status = Status::new("false");
        a.write_up = "What we found.".into();
        ws.insert(a);
        let reviews: Value = serde_json::from_str(&export(&ws, "https://x.example", &[])).unwrap();
        let r = &reviews[0];
        assert_eq!(r["reviewBody"], "What we found.");
        assert!(r["itemReviewed"]["author"].get("@type").is_none(), "{r}");
        assert!(r["itemReviewed"]["author"]["name"].is_string());
    }
}
