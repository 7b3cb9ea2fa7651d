//! What each stage does to the document's layers, and the order check built on it.
//!
//! Layers point into each other by id (a token names its sentence, a mention its entity, a
//! speaker its mentions). A stage that clears and rebuilds a layer leaves every layer that
//! points into it *stale*: its ids now name the wrong things, or nothing. The builder walks
//! the stages in order, keeping for each layer the stage that last built it and whether it
//! is current, and rejects an order in which a stage reads or refines a stale layer, or the
//! pipeline ends with one (the output would be built from dangling ids).

use super::Layer;
use crate::error::{Error, Result};

/// What a stage reads, writes, refines and invalidates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Contract {
    /// Layers that must exist and be current before the stage runs.
    pub reads: &'static [Layer],
    /// Layers the stage creates, or clears and rebuilds.
    pub writes: &'static [Layer],
    /// Layers the stage changes in place, keeping every existing id valid (they must exist
    /// and be current).
    pub refines: &'static [Layer],
    /// Layers left stale by the stage's writes: each holds ids into a written layer, so a
    /// later stage must rebuild it before anything reads it or the pipeline ends.
    pub invalidates: &'static [Layer],
}

impl Contract {
    /// A stage that only reads `reads` and writes `writes`; its invalidations are derived
    /// from [`Layer::points_into`].
    pub const fn new(reads: &'static [Layer], writes: &'static [Layer]) -> Self {
        Contract {
            reads,
            writes,
            refines: &[],
            invalidates: &[],
        }
    }

    /// Sets the layers refined in place.
    #[must_use]
    pub const fn refining(mut self, refines: &'static [Layer]) -> Self {
        self.refines = refines;
        self
    }

    /// Sets the layers left stale.
    #[must_use]
    pub const fn invalidating(mut self, invalidates: &'static [Layer]) -> Self {
        self.invalidates = invalidates;
        self
    }
}

impl Layer {
    /// Every layer, in pipeline order.
    pub const ALL: [Layer; 8] = [
        Layer::Sentences,
        Layer::Tokens,
        Layer::Entities,
        Layer::Quotes,
        Layer::Roles,
        Layer::Speakers,
        Layer::Outlets,
        Layer::OutletLinks,
    ];

    /// What rebuilding sentences leaves stale ([`Layer::dependents`] of `Sentences`).
    pub const SENTENCES_DEPENDENTS: [Layer; 5] = [
        Layer::Tokens,
        Layer::Entities,
        Layer::Quotes,
        Layer::Speakers,
        Layer::OutletLinks,
    ];
    /// What rebuilding tokens leaves stale.
    pub const TOKENS_DEPENDENTS: [Layer; 4] = [
        Layer::Entities,
        Layer::Quotes,
        Layer::Speakers,
        Layer::OutletLinks,
    ];
    /// What rebuilding entities leaves stale.
    pub const ENTITIES_DEPENDENTS: [Layer; 3] =
        [Layer::Quotes, Layer::Speakers, Layer::OutletLinks];
    /// What rebuilding quotes leaves stale.
    pub const QUOTES_DEPENDENTS: [Layer; 2] = [Layer::Speakers, Layer::OutletLinks];

    /// The layers this one holds ids into (directly).
    pub const fn points_into(self) -> &'static [Layer] {
        match self {
            Layer::Sentences | Layer::Outlets | Layer::Roles => &[],
            // `Token::sentence`.
            Layer::Tokens => &[Layer::Sentences],
            // `Entity::first`/`end`.
            Layer::Entities => &[Layer::Tokens],
            // `Mention::entity`.
            Layer::Quotes => &[Layer::Entities],
            // `Speaker::mentions`, `Mention::speaker`.
            Layer::Speakers => &[Layer::Quotes],
            // `Quote::outlet`, outlet mentions' kinds and speakers.
            Layer::OutletLinks => &[Layer::Quotes, Layer::Speakers, Layer::Outlets],
        }
    }

    /// Every layer that holds ids into `self`, directly or through another layer.
    pub fn dependents(self) -> Vec<Layer> {
        let mut out: Vec<Layer> = Vec::new();
        let mut frontier = vec![self];
        while let Some(l) = frontier.pop() {
            for d in Layer::ALL {
                if d.points_into().contains(&l) && !out.contains(&d) {
                    out.push(d);
                    frontier.push(d);
                }
            }
        }
        out.sort_by_key(|l| Layer::ALL.iter().position(|a| a == l));
        out
    }
}

/// The state of one layer while the builder walks the stages.
#[derive(Debug, Clone, Copy)]
struct Built {
    /// The stage (index, name) that last wrote it.
    by: (usize, &'static str),
    /// Set when a later stage left it stale: that stage.
    stale_since: Option<(usize, &'static str)>,
}

/// Checks an ordered list of `(stage name, contract)`.
pub(crate) fn check_order(stages: &[(&'static str, Contract)]) -> Result<()> {
    let mut layers: Vec<(Layer, Built)> = Vec::new();
    let find = |layers: &[(Layer, Built)], l: Layer| layers.iter().position(|(x, _)| *x == l);
    for (i, (name, c)) in stages.iter().enumerate() {
        let here = (i + 1, *name);
        for (need, how) in c
            .reads
            .iter()
            .map(|l| (l, "reads"))
            .chain(c.refines.iter().map(|l| (l, "refines")))
        {
            match find(&layers, *need).map(|k| layers[k].1) {
                None => {
                    return Err(Error::Config(format!(
                        "stage {} `{}` {how} {need:?}, which no earlier stage writes",
                        here.0, here.1
                    )));
                }
                Some(Built {
                    by,
                    stale_since: Some(stale),
                }) => return Err(stale_error(here, how, *need, by, stale)),
                Some(_) => {}
            }
        }
        for w in c.writes {
            let built = Built {
                by: here,
                stale_since: None,
            };
            match find(&layers, *w) {
                Some(k) => layers[k].1 = built,
                None => layers.push((*w, built)),
            }
        }
        for inv in c.invalidates {
            if let Some(k) = find(&layers, *inv)
                && !c.writes.contains(inv)
                && layers[k].1.stale_since.is_none()
            {
                layers[k].1.stale_since = Some(here);
            }
        }
    }
    if let Some((l, b)) = layers.iter().find(|(_, b)| b.stale_since.is_some()) {
        let stale = b.stale_since.unwrap_or(b.by);
        return Err(Error::Config(format!(
            "stage {} `{}` rebuilds what {l:?} points into, after stage {} `{}` built {l:?}; \
             the output would hold dangling ids: run `{}` again after `{}`, or remove one \
             of them",
            stale.0, stale.1, b.by.0, b.by.1, b.by.1, stale.1
        )));
    }
    Ok(())
}

fn stale_error(
    here: (usize, &'static str),
    how: &str,
    layer: Layer,
    by: (usize, &'static str),
    stale: (usize, &'static str),
) -> Error {
    Error::Config(format!(
        "stage {} `{}` {how} {layer:?}, but stage {} `{}` rebuilt what it points into after \
         stage {} `{}` built it: run `{}` again before `{}`",
        here.0, here.1, stale.0, stale.1, by.0, by.1, by.1, here.1
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use Layer::*;

    #[test]
    fn dependents_are_transitive() {
        assert_eq!(
            Sentences.dependents(),
            vec![Tokens, Entities, Quotes, Speakers, OutletLinks]
        );
        assert_eq!(Outlets.dependents(), vec![OutletLinks]);
        assert!(OutletLinks.dependents().is_empty());
    }

    #[test]
    fn the_dependents_constants_follow_the_id_graph() {
        assert_eq!(Layer::SENTENCES_DEPENDENTS.to_vec(), Sentences.dependents());
        assert_eq!(Layer::TOKENS_DEPENDENTS.to_vec(), Tokens.dependents());
        assert_eq!(Layer::ENTITIES_DEPENDENTS.to_vec(), Entities.dependents());
        assert_eq!(Layer::QUOTES_DEPENDENTS.to_vec(), Quotes.dependents());
        assert_eq!(Speakers.dependents(), vec![OutletLinks]);
        assert_eq!(Outlets.dependents(), vec![OutletLinks]);
    }

    const SENT: Contract = Contract::new(&[], &[Sentences]);
    const TOK: Contract = Contract::new(&[Sentences], &[Tokens]);
    const QUO: Contract = Contract::new(&[Tokens], &[Quotes]).invalidating(&[Speakers]);
    const SPK: Contract = Contract::new(&[Quotes], &[Speakers]).refining(&[Quotes]);

    #[test]
    fn a_layer_rebuilt_under_its_dependent_is_an_error_naming_both_stages() {
        let err = check_order(&[
            ("sentences", SENT),
            ("tokens", TOK),
            ("quotes", QUO),
            ("speakers", SPK),
            ("quotes", QUO),
        ])
        .unwrap_err()
        .to_string();
        assert!(err.contains("stage 5 `quotes`"), "{err}");
        assert!(err.contains("stage 4 `speakers`"), "{err}");
    }

    #[test]
    fn a_stale_layer_rebuilt_later_is_fine() {
        check_order(&[
            ("sentences", SENT),
            ("tokens", TOK),
            ("quotes", QUO),
            ("speakers", SPK),
            ("quotes", QUO),
            ("speakers", SPK),
        ])
        .unwrap();
    }

    #[test]
    fn reading_a_stale_layer_names_the_stage_that_left_it_stale() {
        let err = check_order(&[
            ("sentences", SENT),
            ("tokens", TOK),
            ("quotes", QUO),
            ("speakers", SPK),
            ("quotes", QUO),
            ("reader", Contract::new(&[Speakers], &[])),
        ])
        .unwrap_err()
        .to_string();
        assert!(err.contains("stage 6 `reader` reads Speakers"), "{err}");
        assert!(err.contains("stage 5 `quotes`"), "{err}");
    }

    #[test]
    fn refining_a_missing_layer_is_an_error() {
        let err = check_order(&[("sentences", SENT), ("speakers", SPK)])
            .unwrap_err()
            .to_string();
        assert!(err.contains("reads Quotes"), "{err}");
    }
}
