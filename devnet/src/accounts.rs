//! Prefunded dev accounts: publicly known test keys, never to be used on a real chain.

use alloy_consensus::{SignableTransaction, TxEip1559, TxEnvelope};
use alloy_eips::eip2718::Encodable2718;
use alloy_primitives::{Address, PrimitiveSignature, TxKind, B256, U256};
use k256::ecdsa::SigningKey;

/// Well-known keys: the Nitro dev node's funded key first, then the first keys of the
/// public "test test ... junk" mnemonic that Hardhat and Anvil print. Test-only.
pub const DEV_KEYS: [&str; 6] = [
    "b6b15c8cb491557369f3c7d2c287b053eb229daa9c22138887752191c9520659",
    "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80",
    "59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
    "5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a",
    "7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6",
    "47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a",
];

/// Each dev account starts with 10,000 ETH.
pub fn dev_balance() -> U256 {
    U256::from(10_000u64) * U256::from(10u64).pow(U256::from(18u64))
}

/// A dev key as a signing key.
pub fn signing_key(i: usize) -> SigningKey {
    let bytes: B256 = DEV_KEYS[i].parse().expect("constant key");
    SigningKey::from_bytes(&bytes.0.into()).expect("constant key")
}

/// The dev accounts: (address, hex private key).
pub fn dev_accounts() -> Vec<(Address, &'static str)> {
    (0..DEV_KEYS.len())
        .map(|i| (Address::from_private_key(&signing_key(i)), DEV_KEYS[i]))
        .collect()
}

/// `eth_sendTransaction` for the dev accounts: fills nonce, gas (estimate), fees (the base
/// fee, no tip) and signs with the account's well-known key. Other senders are refused.
pub fn sign_request(
    chain: &crate::chain::Chain,
    req: &crate::chain::CallRequest,
) -> Result<Vec<u8>, crate::error::RpcError> {
    use crate::error::RpcError;
    let from = req
        .from
        .ok_or_else(|| RpcError::invalid_params("eth_sendTransaction needs `from`"))?;
    let i = dev_index(from)?;
    let gas = match req.gas {
        Some(g) => g,
        None => chain.estimate_gas(req)?,
    };
    let fee = req.gas_price.unwrap_or(crate::chain::BASE_FEE as u128);
    let tx = TxEip1559 {
        chain_id: chain.chain_id,
        nonce: req.nonce.unwrap_or_else(|| chain.nonce(from)),
        gas_limit: gas,
        max_fee_per_gas: fee,
        max_priority_fee_per_gas: 0,
        to: req.to.map(TxKind::Call).unwrap_or(TxKind::Create),
        value: req.value,
        access_list: Default::default(),
        input: req.input.clone(),
    };
    let (sig, rec) = signing_key(i)
        .sign_prehash_recoverable(tx.signature_hash().as_slice())
        .map_err(|e| RpcError::server(format!("signing failed: {e}")))?;
    let env: TxEnvelope = tx
        .into_signed(PrimitiveSignature::from_signature_and_parity(
            sig,
            rec.is_y_odd(),
        ))
        .into();
    Ok(env.encoded_2718())
}

/// The dev account's index, or the error for any other account.
fn dev_index(from: Address) -> Result<usize, crate::error::RpcError> {
    dev_accounts()
        .iter()
        .position(|(a, _)| *a == from)
        .ok_or_else(|| {
            crate::error::RpcError::server(format!(
                "unknown account {from}: only the dev accounts sign here"
            ))
        })
}

/// A 65-byte signature `r ‖ s ‖ v` (v = 27 or 28) of a 32-byte hash by a dev account.
fn sign_hash(from: Address, hash: B256) -> Result<alloy_primitives::Bytes, crate::error::RpcError> {
    let i = dev_index(from)?;
    let (sig, rec) = signing_key(i)
        .sign_prehash_recoverable(hash.as_slice())
        .map_err(|e| crate::error::RpcError::server(format!("signing failed: {e}")))?;
    let sig = PrimitiveSignature::from_signature_and_parity(sig, rec.is_y_odd());
    let mut out = Vec::with_capacity(65);
    out.extend_from_slice(&sig.r().to_be_bytes::<32>());
    out.extend_from_slice(&sig.s().to_be_bytes::<32>());
    out.push(27 + sig.v() as u8);
    Ok(out.into())
}

/// `eth_sign` / `personal_sign`: EIP-191 (`"\x19Ethereum Signed Message:\n" ‖ len ‖ data`).
pub fn sign_message(
    from: Address,
    data: &[u8],
) -> Result<alloy_primitives::Bytes, crate::error::RpcError> {
    sign_hash(from, alloy_primitives::eip191_hash_message(data))
}

/// `eth_signTypedData_v4`: EIP-712 typed data (an object, or its JSON text as wallets
/// send it).
pub fn sign_typed_data(
    from: Address,
    data: &serde_json::Value,
) -> Result<alloy_primitives::Bytes, crate::error::RpcError> {
    use crate::error::RpcError;
    let parsed: alloy_dyn_abi::TypedData = match data {
        serde_json::Value::String(s) => serde_json::from_str(s),
        v => serde_json::from_value(v.clone()),
    }
    .map_err(|e| RpcError::invalid_params(format!("invalid typed data: {e}")))?;
    let hash = parsed
        .eip712_signing_hash()
        .map_err(|e| RpcError::invalid_params(format!("invalid typed data: {e}")))?;
    sign_hash(from, hash)
}
