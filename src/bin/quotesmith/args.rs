//! Command-line arguments (clap), checked into run configurations by each command.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Finds quotes, their speakers, cues and source outlets in news articles.
#[derive(Debug, Parser)]
#[command(name = "quotesmith", version, about, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Annotate articles and write one JSON line per input record (or table rows).
    Extract(ExtractArgs),
    /// Turn `extract`'s JSON Lines output into Parquet or CSV, without annotating again.
    Convert(crate::cmd_convert::ConvertArgs),
    /// Render annotated articles as one self-contained HTML page.
    View(crate::cmd_view::ViewArgs),
    /// Score the pipeline against annotated data.
    #[command(subcommand)]
    Eval(EvalCommand),
    /// Train a model from annotated data.
    #[command(subcommand)]
    Train(TrainCommand),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// By extension, else by content (`{` first = JSON Lines).
    Auto,
    /// Each input is one article.
    Text,
    /// One JSON object per line.
    Jsonl,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum NerArg {
    /// The built-in averaged-perceptron tagger.
    Fast,
    /// The transformer's NER head.
    Transformer,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AttributionArg {
    /// The rules.
    Fast,
    /// The transformer's source/cue/content tagger.
    Transformer,
    /// The rules' quotations plus the transformer's other claims.
    Combined,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BackendArg {
    /// candle (pure Rust).
    Candle,
    /// rust-bert on libtorch (needs a build with `--features rust-bert`).
    RustBert,
    /// ONNX Runtime, the f32 export: the same model as candle's (needs a build with
    /// `--features onnx` and scripts/setup-onnxruntime.sh).
    Onnx,
    /// ONNX Runtime, the int8 export: a model of its own (needs what `onnx` needs).
    OnnxInt8,
}

/// How articles are read from the input files (extract's inputs, convert's and view's
/// `--input`).
#[derive(Debug, Args)]
pub struct ReadArgs {
    /// How to read the article inputs.
    #[arg(long, value_enum, default_value_t = FormatArg::Auto)]
    pub input_format: FormatArg,
    /// JSON field (or dotted path) holding the record id.
    #[arg(long, default_value = "id", value_name = "F")]
    pub id_field: String,
    /// JSON field (or dotted path) holding the article text.
    #[arg(long, default_value = "text", value_name = "F")]
    pub text_field: String,
}

impl ReadArgs {
    /// The library's reader options, keeping `keep_fields` of each record.
    pub fn options(&self, keep_fields: Vec<String>) -> quotesmith::io::reader::ReaderOptions {
        use quotesmith::io::reader::{InputFormat, ReaderOptions};
        ReaderOptions {
            format: match self.input_format {
                FormatArg::Auto => InputFormat::Auto,
                FormatArg::Text => InputFormat::Text,
                FormatArg::Jsonl => InputFormat::Jsonl,
            },
            id_field: self.id_field.clone(),
            text_field: self.text_field.clone(),
            keep_fields,
        }
    }
}

/// Where the transformer model is and which engine runs it.
#[derive(Debug, Args)]
pub struct TransformerArgs {
    /// Engine for the transformer stage.
    #[arg(long, value_enum, default_value_t = BackendArg::Candle)]
    pub backend: BackendArg,
    /// Transformer model folder (default: $QUOTESMITH_MODEL_DIR, else models/transformer of
    /// the source tree).
    #[arg(long, value_name = "DIR")]
    pub model_dir: Option<PathBuf>,
}

/// Which taggers the pipeline uses.
#[derive(Debug, Args)]
pub struct ModeArgs {
    /// Entity tagger.
    #[arg(long, value_enum, default_value_t = NerArg::Fast)]
    pub ner: NerArg,
    /// Where quotes come from.
    #[arg(long, value_enum, default_value_t = AttributionArg::Fast)]
    pub attribution: AttributionArg,
    #[command(flatten)]
    pub transformer: TransformerArgs,
}

impl ModeArgs {
    /// Applies the choices to a pipeline configuration.
    pub fn apply(&self, config: quotesmith::Config) -> quotesmith::Config {
        use quotesmith::pipeline::NerMode;
        use quotesmith::quotes::AttributionMode;
        let ner = match self.ner {
            NerArg::Fast => NerMode::Fast,
            NerArg::Transformer => NerMode::Transformer,
        };
        let attribution = match self.attribution {
            AttributionArg::Fast => AttributionMode::Fast,
            AttributionArg::Transformer => AttributionMode::Transformer,
            AttributionArg::Combined => AttributionMode::Combined,
        };
        config.with_modes(ner, attribution).with_transformer(
            self.transformer.model_dir.clone(),
            self.transformer.backend(),
        )
    }
}

impl TransformerArgs {
    /// The library's engine choice.
    pub fn backend(&self) -> quotesmith::transformer::BackendKind {
        match self.backend {
            BackendArg::Candle => quotesmith::transformer::BackendKind::Candle,
            BackendArg::RustBert => quotesmith::transformer::BackendKind::RustBert,
            BackendArg::Onnx => quotesmith::transformer::BackendKind::Onnx,
            BackendArg::OnnxInt8 => quotesmith::transformer::BackendKind::OnnxInt8,
        }
    }
}

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Files or folders (searched recursively for .txt, .jsonl, .json, optionally .gz/.zst);
    /// `-` or nothing reads standard input.
    pub inputs: Vec<PathBuf>,
    /// Write output here instead of standard output: a FILE, or with --format parquet|csv a
    /// folder `DIR/` (ends with `/`, or exists) of part files that --resume can continue.
    #[arg(short, long, value_name = "FILE|DIR/")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub read: ReadArgs,
    /// Worker threads (default: all cores).
    #[arg(long, short = 'j', value_name = "N")]
    pub threads: Option<usize>,
    /// Top-level arrays to write, comma-separated: quotes,speakers,outlets,entities,sentences.
    #[arg(long, value_name = "LIST")]
    pub fields: Option<String>,
    /// Do not show the progress bar.
    #[arg(long)]
    pub no_progress: bool,
    /// Stop at the first bad record (exit code 3) instead of writing an error record.
    #[arg(long)]
    pub strict: bool,
    /// Continue an interrupted run: keep the records already in the output file (-o), skip
    /// their ids in the input, and append the rest. For tables only with `-o DIR/` (closed
    /// part files are kept, never rewritten).
    #[arg(long, requires = "output")]
    pub resume: bool,
    #[command(flatten)]
    pub table: crate::cmd_convert::TableArgs,
    /// Extra outlet gazetteer (TSV, see data/outlets/README.md); may be repeated.
    #[arg(long = "outlets", value_name = "FILE")]
    pub outlet_files: Vec<PathBuf>,
    /// NER model file to use instead of the built-in one.
    #[arg(long, value_name = "FILE")]
    pub ner_model: Option<PathBuf>,
    /// How single line breaks are read: `auto` decides per document (wrapped when its lines
    /// have one width and stop mid-sentence), `hard` ends a paragraph at every line break (web
    /// exports), `wrapped` joins lines of running prose (PDF, e-mail, archives).
    #[arg(long, value_enum, default_value_t = LineBreaksArg::Auto)]
    pub line_breaks: LineBreaksArg,
    #[command(flatten)]
    pub modes: ModeArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LineBreaksArg {
    /// Decided per document.
    Auto,
    /// Every line break ends a paragraph.
    Hard,
    /// A line break inside running prose is a wrap.
    Wrapped,
}

impl From<LineBreaksArg> for quotesmith::sentences::LineBreaks {
    fn from(arg: LineBreaksArg) -> Self {
        match arg {
            LineBreaksArg::Auto => Self::Auto,
            LineBreaksArg::Hard => Self::Hard,
            LineBreaksArg::Wrapped => Self::Wrapped,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum EvalCommand {
    /// CoNLL-format NER evaluation (conlleval-style precision, recall, F1).
    Ner(EvalNerArgs),
    /// PolNeAR quote-attribution evaluation (the metrics of score_polnear.py).
    Polnear(EvalPolnearArgs),
    /// The team's own quotation cases (tests/cases/README.md): recall and precision per
    /// category and split.
    Cases(EvalCasesArgs),
}

#[derive(Debug, Args)]
pub struct EvalNerArgs {
    /// CoNLL file (`token POS chunk tag`, IOB1 or IOB2).
    #[arg(long, value_name = "FILE")]
    pub conll: PathBuf,
    /// NER model file to use instead of the built-in one.
    #[arg(long, value_name = "FILE")]
    pub model: Option<PathBuf>,
    /// Which tagger to score.
    #[arg(long, value_enum, default_value_t = NerArg::Fast)]
    pub ner: NerArg,
    #[command(flatten)]
    pub transformer: TransformerArgs,
    /// Also print every sentence whose entities differ from the gold ones (to stderr).
    #[arg(long)]
    pub errors: bool,
}

#[derive(Debug, Args)]
pub struct EvalPolnearArgs {
    /// A PolNeAR split folder holding text/ and attributions/.
    #[arg(long, value_name = "DIR")]
    pub split_dir: PathBuf,
    /// Also write the predictions as JSON Lines here.
    #[arg(long, value_name = "FILE")]
    pub pred_out: Option<PathBuf>,
    /// Print the metrics as JSON.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub modes: ModeArgs,
}

/// Which half of the case set to score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SplitArg {
    /// The cases to develop rules on.
    Dev,
    /// The held-out check.
    Held,
    /// Both, reported side by side.
    All,
}

#[derive(Debug, Args)]
pub struct EvalCasesArgs {
    /// Folder of case files (`<category>.jsonl`).
    #[arg(long, default_value = "tests/cases", value_name = "DIR")]
    pub dir: PathBuf,
    /// Which half to score.
    #[arg(long, value_enum, default_value_t = SplitArg::All)]
    pub split: SplitArg,
    /// Print the report as JSON (with the errors when --errors is given).
    #[arg(long)]
    pub json: bool,
    /// Also print every miss, wrong attribution, unexpected quote and taken scare quote or
    /// title, led by its case id.
    #[arg(long)]
    pub errors: bool,
    #[command(flatten)]
    pub modes: ModeArgs,
}

#[derive(Debug, Subcommand)]
pub enum TrainCommand {
    /// Train the averaged-perceptron NER tagger.
    Ner(TrainNerArgs),
}

#[derive(Debug, Args)]
pub struct TrainNerArgs {
    /// Training file (CoNLL format).
    #[arg(long, value_name = "FILE")]
    pub train: PathBuf,
    /// Development file, for early stopping.
    #[arg(long, value_name = "FILE")]
    pub dev: PathBuf,
    /// Where to write the model.
    #[arg(long, short, value_name = "FILE")]
    pub output: PathBuf,
    /// Maximum number of epochs per pass (training stops earlier when dev F1 stops rising).
    #[arg(long, default_value_t = 20)]
    pub epochs: usize,
    /// Random seed (shuffling).
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// log2 of the number of hashed feature rows (model size grows with it).
    #[arg(long, default_value_t = 21, value_name = "N")]
    pub hash_bits: u32,
    /// Use BIO tags instead of BILOU.
    #[arg(long)]
    pub bio: bool,
    /// Train only the first pass (no document-level label features).
    #[arg(long)]
    pub one_pass: bool,
    /// Folds of the jackknife that tags training documents for the second pass.
    #[arg(long, default_value_t = 5, value_name = "K")]
    pub folds: usize,
    /// Perceptrons per pass, trained on differently shuffled data and averaged.
    #[arg(long, default_value_t = 3, value_name = "K")]
    pub members: usize,
}
