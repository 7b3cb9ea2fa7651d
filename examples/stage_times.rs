//! Prints the time each stage takes on one synthetic article of N megabytes
//! (`cargo run --release --example stage_times -- 5`), to check that time grows linearly.

use quotesmith::{Config, Doc, Pipeline};
use std::time::Instant;

fn main() {
    let mb: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(5);
    let para = "\u{201c}We expect the vote on Tuesday,\u{201d} said Sen. Maria Lopez, who chairs the panel. \
                She told reporters that the bill would pass, according to Reuters. \
                Critics said the measure was rushed.\n\n";
    let text = para.repeat((mb << 20) / para.len() + 1);
    let pipeline = Pipeline::new(&Config::default()).expect("pipeline");
    let mut doc = Doc::new("big", text);
    for stage in pipeline.stages() {
        let t = Instant::now();
        stage.process(&mut doc).expect("stage");
        println!("{:10} {:8.3} s", stage.name(), t.elapsed().as_secs_f64());
    }
}
