//! `eth_sendRawTransaction`: the checks geth's pool makes (with its messages), then
//! execution and one block.

use alloy_primitives::{Bytes, Log, TxKind, B256, U256};
use revm::primitives::{ExecutionResult, Output, ResultAndState, TxEnv};

use crate::{
    calls::tx_error,
    chain::{to_env_access_list, BlockDiff, Chain, BASE_FEE, BLOCK_GAS_LIMIT},
    error::{RpcError, RpcResult},
    tx::{Mined, SignedTx},
};

impl Chain {
    /// `eth_sendRawTransaction`: validate, execute, mine one block.
    pub fn send_raw(&mut self, raw: &[u8]) -> RpcResult<B256> {
        let tx = SignedTx::decode(raw)?;
        self.validate(&tx)?;
        let env = TxEnv {
            caller: tx.from,
            gas_limit: tx.gas_limit,
            gas_price: U256::from(tx.max_fee),
            transact_to: tx.to.map(TxKind::Call).unwrap_or(TxKind::Create),
            value: tx.value,
            data: tx.input.clone(),
            nonce: Some(tx.nonce),
            chain_id: tx.chain_id,
            access_list: to_env_access_list(&tx.access_list),
            gas_priority_fee: tx.max_priority_fee.map(U256::from),
            ..Default::default()
        };
        let ResultAndState { result, state } = self.run(env, false).map_err(tx_error)?;
        let diff = BlockDiff::of(&self.db, self.head().number + 1, &state);
        let (status, output, contract_address) = match &result {
            ExecutionResult::Success {
                output: Output::Create(b, a),
                ..
            } => (true, b.clone(), *a),
            ExecutionResult::Success {
                output: Output::Call(b),
                ..
            } => (true, b.clone(), None),
            ExecutionResult::Revert { output, .. } => (false, output.clone(), None),
            ExecutionResult::Halt { .. } => (false, Bytes::new(), None),
        };
        let logs: Vec<Log> = result.logs().to_vec();
        let mut mined = Mined {
            tx: tx.clone(),
            block_number: 0,
            block_hash: B256::ZERO,
            index: 0,
            status,
            gas_used: result.gas_used(),
            effective_gas_price: tx.effective_gas_price(BASE_FEE as u128),
            contract_address,
            logs,
            output,
        };
        let block = self.next_block(vec![tx.hash], mined.gas_used, &mined.logs);
        mined.block_number = block.number;
        mined.block_hash = block.hash;
        self.commit_block(block, diff, vec![mined])?;
        Ok(tx.hash)
    }

    /// The checks geth's pool makes, with its messages.
    fn validate(&self, tx: &SignedTx) -> RpcResult<()> {
        match tx.chain_id {
            None => {
                return Err(RpcError::server(
                    "only replay-protected (EIP-155) transactions allowed over RPC",
                ))
            }
            Some(id) if id != self.chain_id => {
                return Err(RpcError::server(format!(
                    "invalid chain id for signer: have {id} want {}",
                    self.chain_id
                )))
            }
            _ => {}
        }
        if self.txs.contains_key(&tx.hash) {
            return Err(RpcError::server("already known"));
        }
        let nonce = self.nonce(tx.from);
        if tx.nonce < nonce {
            return Err(RpcError::server(format!(
                "nonce too low: address {}, tx: {} state: {}",
                tx.from, tx.nonce, nonce
            )));
        }
        if tx.nonce > nonce {
            return Err(RpcError::server(format!(
                "nonce too high: address {}, tx: {} state: {}",
                tx.from, tx.nonce, nonce
            )));
        }
        if tx.gas_limit > BLOCK_GAS_LIMIT {
            return Err(RpcError::server("exceeds block gas limit"));
        }
        if let Some(tip) = tx.max_priority_fee {
            if tip > tx.max_fee {
                return Err(RpcError::server(format!(
                    "max priority fee per gas higher than max fee per gas: address {}, maxPriorityFeePerGas: {}, maxFeePerGas: {}",
                    tx.from, tip, tx.max_fee
                )));
            }
        }
        if tx.max_fee < BASE_FEE as u128 {
            return Err(RpcError::server(format!(
                "max fee per gas less than block base fee: address {}, maxFeePerGas: {}, baseFee: {}",
                tx.from, tx.max_fee, BASE_FEE
            )));
        }
        let cost = U256::from(tx.gas_limit)
            .saturating_mul(U256::from(tx.max_fee))
            .saturating_add(tx.value);
        let have = self.balance(tx.from);
        if have < cost {
            return Err(RpcError::server(format!(
                "insufficient funds for gas * price + value: address {} have {} want {}",
                tx.from, have, cost
            )));
        }
        if let Some(to) = tx.to {
            if self.stylus_activated(to) == Some(false) {
                return Err(RpcError::server(format!(
                    "program not activated: {to} holds a Stylus program that is not activated (call ArbWasm.activateProgram at 0x71 first)"
                )));
            }
        }
        Ok(())
    }
}
