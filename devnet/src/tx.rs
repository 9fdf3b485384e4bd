//! Raw transactions: decoding (legacy, EIP-2930, EIP-1559), sender recovery, and the
//! stored form of a mined transaction with its receipt.

use alloy_consensus::{Transaction, TxEnvelope};
use alloy_eips::eip2718::Decodable2718;
use alloy_primitives::{Address, Bytes, Log, TxKind, B256, U256};
use serde::{Deserialize, Serialize};

use crate::error::RpcError;

/// A decoded, signature-checked transaction.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct SignedTx {
    pub hash: B256,
    pub from: Address,
    pub to: Option<Address>,
    pub nonce: u64,
    pub value: U256,
    pub input: Bytes,
    pub gas_limit: u64,
    pub tx_type: u8,
    /// Legacy and 2930: the gas price; 1559: the max fee per gas.
    pub max_fee: u128,
    /// 1559 only.
    pub max_priority_fee: Option<u128>,
    pub chain_id: Option<u64>,
    pub access_list: Vec<(Address, Vec<B256>)>,
    pub y_parity: bool,
    pub r: U256,
    pub s: U256,
}

impl SignedTx {
    /// Decodes a raw transaction and recovers its sender. Any malformed input is an
    /// `invalid params` error; an unsupported type or bad signature a -32000 error.
    pub fn decode(raw: &[u8]) -> Result<Self, RpcError> {
        if raw.is_empty() {
            return Err(RpcError::invalid_params("empty transaction"));
        }
        let mut buf = raw;
        let env = TxEnvelope::decode_2718(&mut buf)
            .map_err(|e| RpcError::invalid_params(format!("rlp: {e}")))?;
        if !buf.is_empty() {
            return Err(RpcError::invalid_params(
                "rlp: trailing bytes after the transaction",
            ));
        }
        let tx_type = match &env {
            TxEnvelope::Legacy(_) => 0u8,
            TxEnvelope::Eip2930(_) => 1,
            TxEnvelope::Eip1559(_) => 2,
            TxEnvelope::Eip4844(_) => {
                return Err(RpcError::server(
                    "transaction type not supported: blob transactions",
                ))
            }
            TxEnvelope::Eip7702(_) => {
                return Err(RpcError::server("transaction type not supported: EIP-7702"))
            }
        };
        let from = env
            .recover_signer()
            .map_err(|e| RpcError::server(format!("invalid sender: {e}")))?;
        let sig = env.signature();
        let access_list = env
            .access_list()
            .map(|l| {
                l.0.iter()
                    .map(|i| (i.address, i.storage_keys.clone()))
                    .collect()
            })
            .unwrap_or_default();
        Ok(Self {
            hash: *env.tx_hash(),
            from,
            to: match env.kind() {
                TxKind::Call(a) => Some(a),
                TxKind::Create => None,
            },
            nonce: env.nonce(),
            value: env.value(),
            input: env.input().clone(),
            gas_limit: env.gas_limit(),
            tx_type,
            max_fee: env.max_fee_per_gas(),
            max_priority_fee: if tx_type == 2 {
                env.max_priority_fee_per_gas()
            } else {
                None
            },
            chain_id: env.chain_id(),
            access_list,
            y_parity: sig.v(),
            r: sig.r(),
            s: sig.s(),
        })
    }

    /// The price per gas paid at the given base fee.
    pub fn effective_gas_price(&self, base_fee: u128) -> u128 {
        match self.max_priority_fee {
            Some(tip) => self.max_fee.min(base_fee.saturating_add(tip)),
            None => self.max_fee,
        }
    }
}

/// A mined transaction and its receipt.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Mined {
    pub tx: SignedTx,
    pub block_number: u64,
    pub block_hash: B256,
    pub index: u64,
    pub status: bool,
    pub gas_used: u64,
    pub effective_gas_price: u128,
    pub contract_address: Option<Address>,
    pub logs: Vec<Log>,
    /// Return or revert data (not part of a receipt; kept for debugging).
    pub output: Bytes,
}
