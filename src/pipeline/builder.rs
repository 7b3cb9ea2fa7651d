//! Assembles stages and checks that each one's inputs exist before it runs.

use super::{Pipeline, Stage, contract};
use crate::error::Result;

/// Collects stages in order; [`build`](Self::build) checks the order against their
/// [`Contract`](super::Contract)s.
#[derive(Default)]
pub struct PipelineBuilder {
    stages: Vec<Box<dyn Stage>>,
}

impl PipelineBuilder {
    /// An empty builder.
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends a stage.
    #[must_use]
    pub fn with_stage(mut self, stage: Box<dyn Stage>) -> Self {
        self.stages.push(stage);
        self
    }

    /// Checks the order and returns the pipeline.
    pub fn build(self) -> Result<Pipeline> {
        let contracts: Vec<_> = self
            .stages
            .iter()
            .map(|s| (s.name(), s.contract()))
            .collect();
        contract::check_order(&contracts)?;
        Ok(Pipeline {
            stages: self.stages,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::Doc;
    use crate::error::Error;
    use crate::pipeline::{Contract, Layer};

    struct Fake(&'static [Layer], &'static [Layer]);
    impl Stage for Fake {
        fn name(&self) -> &'static str {
            "fake"
        }
        fn contract(&self) -> Contract {
            Contract::new(self.0, self.1)
        }
        fn process(&self, _: &mut Doc) -> Result<()> {
            Ok(())
        }
    }

    #[test]
    fn pipeline_is_shareable_across_threads() {
        fn send_sync<T: Send + Sync>() {}
        send_sync::<Pipeline>();
    }

    #[test]
    fn rejects_bad_order() {
        let b = PipelineBuilder::new()
            .with_stage(Box::new(Fake(&[Layer::Tokens], &[Layer::Entities])))
            .with_stage(Box::new(Fake(&[], &[Layer::Tokens])));
        assert!(matches!(b.build(), Err(Error::Config(_))));
        let b = PipelineBuilder::new()
            .with_stage(Box::new(Fake(&[], &[Layer::Tokens])))
            .with_stage(Box::new(Fake(&[Layer::Tokens], &[Layer::Entities])));
        assert!(b.build().is_ok());
    }
}
