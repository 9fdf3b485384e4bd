//! The curation report: seeds ranked by conviction with their model ids and
//! prompt hashes, as JSON (for the next generation of prompts) and Markdown.
use serde_json::{json, Value};

use crate::{
    commands::status::Seed,
    util::{b32_text, fmt_amount, fmt_time},
};

/// The report as JSON. `seeds` must already be ranked.
pub fn json(chain_id: u64, block: u64, now: u64, seeds: &[Seed]) -> Value {
    let total: alloy::primitives::U256 = seeds.iter().map(|s| s.conviction).sum();
    json!({
        "chainId": chain_id,
        "block": block,
        "timestamp": now,
        "ranking": "conviction, highest first (ties: lower seed id)",
        "totalConviction": total.to_string(),
        "seeds": seeds.iter().enumerate().map(|(i, s)| {
            let mut v = s.json();
            v["rank"] = json!(i + 1);
            v["share"] = json!(if total.is_zero() { 0.0 } else { crate::util::wad_to_f64(s.conviction) / crate::util::wad_to_f64(total) });
            v
        }).collect::<Vec<_>>(),
    })
}

/// The report as Markdown.
pub fn markdown(chain_id: u64, block: u64, now: u64, seeds: &[Seed]) -> String {
    let mut out = format!(
        "# Curation report\n\nChain {chain_id}, block {block}, {}. Seeds ranked by conviction (the registry's\ntime-weighted stake); model ids and prompt hashes feed the next generation.\n\n",
        fmt_time(now)
    );
    out.push_str("| rank | seed id | conviction | stake | model id | prompt hash | uri |\n|---:|---:|---:|---:|---|---|---|\n");
    for (i, s) in seeds.iter().enumerate() {
        let model = b32_text(&s.model_id).unwrap_or_else(|| s.model_id.to_string());
        out.push_str(&format!(
            "| {} | {} | {} | {} | `{}` | `{}` | {} |\n",
            i + 1,
            s.id,
            fmt_amount(s.conviction),
            fmt_amount(s.stake),
            model,
            s.prompt_hash,
            s.uri.replace('|', "\\|")
        ));
    }
    if seeds.is_empty() {
        out.push_str("| – | – | – | – | – | – | no seeds yet |\n");
    }
    out
}
