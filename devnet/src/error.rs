//! JSON-RPC errors with the codes clients expect.

use alloy_primitives::Bytes;
use serde_json::{json, Value};

/// A JSON-RPC error object.
#[derive(Clone, Debug, PartialEq)]
pub struct RpcError {
    pub code: i64,
    pub message: String,
    pub data: Option<Value>,
}

pub type RpcResult<T> = Result<T, RpcError>;

impl RpcError {
    pub fn new(code: i64, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            data: None,
        }
    }
    /// -32700: the body is not JSON.
    pub fn parse(msg: impl std::fmt::Display) -> Self {
        Self::new(-32700, format!("parse error: {msg}"))
    }
    /// -32600: not a JSON-RPC request (or too large).
    pub fn invalid_request(msg: impl Into<String>) -> Self {
        Self::new(-32600, msg)
    }
    /// -32601: unknown method.
    pub fn method_not_found(method: &str) -> Self {
        Self::new(
            -32601,
            format!("the method {method} does not exist/is not available"),
        )
    }
    /// -32602: bad parameters.
    pub fn invalid_params(msg: impl Into<String>) -> Self {
        Self::new(-32602, msg)
    }
    /// -32000: geth's code for rejected transactions and failed calls.
    pub fn server(msg: impl Into<String>) -> Self {
        Self::new(-32000, msg)
    }
    /// Geth's revert: code 3, `execution reverted`, the revert bytes in `data`.
    pub fn reverted(data: &Bytes) -> Self {
        Self {
            code: 3,
            message: "execution reverted".into(),
            data: Some(Value::String(data.to_string())),
        }
    }
    /// A revert with a reason that is not ABI data (e.g. a refused activation).
    pub fn reverted_with(reason: &str, data: &Bytes) -> Self {
        Self {
            code: 3,
            message: format!("execution reverted: {reason}"),
            data: Some(Value::String(data.to_string())),
        }
    }

    pub fn to_json(&self) -> Value {
        let mut v = json!({ "code": self.code, "message": self.message });
        if let Some(d) = &self.data {
            v["data"] = d.clone();
        }
        v
    }
}
