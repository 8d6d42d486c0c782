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
    fn dates_sort_by_time() {
        let a: PubDate = "2019".parse().unwrap();
        let b: PubDate = "2024-04".parse().unwrap();
        let c: PubDate = "2024-04-02".parse().unwrap();
        assert!(a < b && b < c);
    }
}
