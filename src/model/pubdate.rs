use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A publication date, as precise as the source allows: `2024`, `2024-04` or `2024-04-24`.
///
/// Reports are often dated only to the month ("published April 2024"); forcing a day would
/// invent a fact. The empty date means "not known".
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PubDate {
    year: i16,
    month: u8,
    day: u8,
}

impl PubDate {
    /// True when the date is not known.
    pub fn is_empty(&self) -> bool {
        self.year == 0
    }

    /// A date as a person types it: the file forms (`2024-04-24`, `2024-04`, `2024`) or the
    /// way reports print dates, `24 April 2024`, `April 24, 2024`, `24 Apr 2024`,
    /// `April 2024` (any case; ordinals such as `24th` and a dot after an abbreviation are
    /// fine). Numbers-only forms such as `04/05/2024` are refused: day-month and month-day
    /// order cannot be told apart, and a wrong guess would invent a fact. The error names
    /// the forms that are understood.
    pub fn from_typed(typed: &str) -> Result<Self, String> {
        let s = typed.trim();
        if s.is_empty() || !s.contains(|c: char| c.is_alphabetic()) {
            return s.parse().map_err(|e: String| {
                if e.contains("calendar") {
                    e
                } else {
                    unreadable(s)
                }
            });
        }
        let cleaned = s.replace([',', '.'], " ");
        let words: Vec<&str> = cleaned.split_whitespace().collect();
        let day = |w: &str| -> Option<i8> {
            let digits = w
                .strip_suffix("st")
                .or_else(|| w.strip_suffix("nd"))
                .or_else(|| w.strip_suffix("rd"))
                .or_else(|| w.strip_suffix("th"))
                .unwrap_or(w);
            (1..=2).contains(&digits.len()).then_some(())?;
            digits.parse().ok()
        };
        let year = |w: &str| -> Option<i16> {
            (w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()))
                .then(|| w.parse().ok())
                .flatten()
                .filter(|y| *y > 0)
        };
        let (y, m, d) = match words.as_slice() {
            [m, y] => (year(y), month_named(m), Some(0)),
            [d, m, y] if month_named(m).is_some() => (year(y), month_named(m), day(d)),
            [m, d, y] => (year(y), month_named(m), day(d)),
            _ => (None, None, None),
        };
        let (Some(year), Some(month), Some(day)) = (y, m, d) else {
            return Err(unreadable(s));
        };
        if day > 0 {
            jiff::civil::Date::new(year, month, day)
                .map_err(|_| format!("{s:?} is not a day of the calendar"))?;
        }
        Ok(Self {
            year,
            month: month as u8,
            day: day as u8,
        })
    }
}

/// Says which forms [`PubDate::from_typed`] understands.
fn unreadable(typed: &str) -> String {
    format!(
        "{typed:?} is not a date claimdesk can read: write 2024-04-24, 24 April 2024, \
         April 24, 2024, 24 Apr 2024, April 2024 or 2024"
    )
}

/// The month a word names, in full or abbreviated to three or more letters (`Sept` too).
fn month_named(word: &str) -> Option<i8> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let word = word.to_lowercase();
    if word.chars().count() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| m.starts_with(&word))
        .map(|i| i as i8 + 1)
}

impl FromStr for PubDate {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let bad = || format!("{s:?} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD");
        if s.is_empty() {
            return Ok(Self::default());
        }
        let parts: Vec<&str> = s.split('-').collect();
        let num = |p: &str, len: usize| -> Result<i64, String> {
            if p.len() != len || !p.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad());
            }
            p.parse::<i64>().map_err(|_| bad())
        };
        let (year, month, day) = match parts.as_slice() {
            [y] => (num(y, 4)?, 0, 0),
            [y, m] => (num(y, 4)?, num(m, 2)?, 0),
            [y, m, d] => (num(y, 4)?, num(m, 2)?, num(d, 2)?),
            _ => return Err(bad()),
        };
        if year == 0 || month > 12 || (parts.len() > 1 && month == 0) {
            return Err(bad());
        }
        if parts.len() == 3 {
            jiff::civil::Date::new(year as i16, month as i8, day as i8)
                .map_err(|_| format!("{s:?} is not a day of the calendar"))?;
        }
        Ok(Self {
            year: year as i16,
            month: month as u8,
            day: day as u8,
        })
    }
}

impl fmt::Display for PubDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.year, self.month, self.day) {
            (0, _, _) => Ok(()),
            (y, 0, _) => write!(f, "{y:04}"),
            (y, m, 0) => write!(f, "{y:04}-{m:02}"),
            (y, m, d) => write!(f, "{y:04}-{m:02}-{d:02}"),
        }
    }
}

impl Serialize for PubDate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PubDate {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_dates_round_trip() {
        for s in ["2024", "2024-04", "2024-04-24", "1973-01-01", ""] {
            let d: PubDate = s.parse().unwrap();
            assert_eq!(d.to_string(), s);
        }
        assert!("".parse::<PubDate>().unwrap().is_empty());
    }

    #[test]
    fn bad_dates_are_refused() {
        for s in [
            "24",
            "2024-4",
            "2024-13",
            "2023-02-29",
            "2024-00",
            "abcd",
            "2024-04-24-1",
            "0000",
        ] {
            assert!(s.parse::<PubDate>().is_err(), "{s:?} was accepted");
        }
        assert!("2024-02-29".parse::<PubDate>().is_ok());
    }

    #[test]
    fn typed_dates_are_read_in_the_forms_reports_print() {
        for typed in [
            "2024-04-24",
            "24 April 2024",
            "April 24, 2024",
            "24 Apr 2024",
            "Apr. 24, 2024",
            "24th April 2024",
            "april 24 2024",
            "  24 APRIL 2024 ",
        ] {
            assert_eq!(
                PubDate::from_typed(typed).map(|d| d.to_string()),
                Ok("2024-04-24".to_string()),
                "{typed:?}"
            );
        }
        let read = |s: &str| PubDate::from_typed(s).map(|d| d.to_string());
        assert_eq!(read("September 2023"), Ok("2023-09".into()));
        assert_eq!(read("Sept 2023"), Ok("2023-09".into()));
        assert_eq!(read("1 May 1973"), Ok("1973-05-01".into()));
        assert_eq!(read("2019"), Ok("2019".into()));
        assert_eq!(read(""), Ok(String::new()));
    }

    #[test]
    fn a_typed_date_that_cannot_be_read_names_the_forms_that_can() {
        for typed in [
            "April",
            "24/04/2024",
            "04/05/2024",
            "24 Foo 2024",
            "Ma 2024",
            "24 April 24",
            "124 April 2024",
            "tomorrow",
        ] {
            let why = PubDate::from_typed(typed).unwrap_err();
            assert!(
                why.contains("is not a date") && why.contains("24 April 2024"),
                "{typed:?}: {why}"
            );
        }
        let why = PubDate::from_typed("31 April 2024").unwrap_err();
        assert!(why.contains("not a day of the calendar"), "{why}");
        let why = PubDate::from_typed("2023-02-29").unwrap_err();
        assert!(why.contains("not a day of the calendar"), "{why}");
    }

    #[test]
    fn dates_sort_by_time() {
        let a: PubDate = "2019".parse().unwrap();
        let b: PubDate = "2024-04".parse().unwrap();
        let c: PubDate = "2024-04-02".parse().unwrap();
        assert!(a < b && b < c);
    }
}
