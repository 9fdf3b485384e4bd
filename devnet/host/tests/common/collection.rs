//! The outside ERC-721 collection the artworks come from: a native Rust mock living in
//! the World, with the behaviour and errors of openzeppelin-stylus 0.3's `Erc721` (what
//! `tests/testkit`'s `ArtCollection` wraps under motsu): anyone may mint; transfers need
//! the owner, an approved account or an operator; `safeTransferFrom` calls
//! `onERC721Received` on a receiver with code and bubbles its revert reason.
//!
//! Its state lives in its own journaled storage (`NativeCtx::sload`/`sstore`), so a
//! transaction that fails after the collection moved a token rolls the move back, as on
//! chain. Being native, its own work is not metered: gas figures of calls that reach it
//! leave out what a deployed collection's transfer would cost.
use alloy_primitives::{keccak256, Address, B256, U256};
use alloy_sol_types::{SolCall, SolError, SolEvent, SolInterface};
use atelier_host::{NativeCtx, NativeResult};

use super::bindings::{ArtCollection as Abi, IERC721Receiver};
use Abi::ArtCollectionCalls as Calls;

/// The mock (stateless in Rust: every byte of state is in the World's storage).
pub struct CollectionMock;

fn slot(tag: &str, a: &[u8], b: &[u8]) -> B256 {
    let mut data = tag.as_bytes().to_vec();
    data.extend_from_slice(a);
    data.extend_from_slice(b);
    keccak256(data)
}

fn owner_slot(id: U256) -> B256 {
    slot("owner", &id.to_be_bytes::<32>(), &[])
}
fn approved_slot(id: U256) -> B256 {
    slot("approved", &id.to_be_bytes::<32>(), &[])
}
fn balance_slot(owner: Address) -> B256 {
    slot("balance", owner.as_slice(), &[])
}
fn operator_slot(owner: Address, operator: Address) -> B256 {
    slot("operator", owner.as_slice(), operator.as_slice())
}

fn word(a: Address) -> B256 {
    a.into_word()
}
fn addr(w: B256) -> Address {
    Address::from_word(w)
}

fn err<E: SolError>(e: E) -> Vec<u8> {
    e.abi_encode()
}

struct State<'a, 'w> {
    ctx: &'a mut NativeCtx<'w>,
}

impl State<'_, '_> {
    fn owner(&mut self, id: U256) -> Address {
        addr(self.ctx.sload(owner_slot(id)))
    }
    fn require_owned(&mut self, id: U256) -> Result<Address, Vec<u8>> {
        let owner = self.owner(id);
        if owner.is_zero() {
            return Err(err(Abi::ERC721NonexistentToken { tokenId: id }));
        }
        Ok(owner)
    }
    fn approved(&mut self, id: U256) -> Address {
        addr(self.ctx.sload(approved_slot(id)))
    }
    fn is_operator(&mut self, owner: Address, operator: Address) -> bool {
        !self.ctx.sload(operator_slot(owner, operator)).is_zero()
    }
    fn balance(&mut self, owner: Address) -> U256 {
        self.ctx.sload(balance_slot(owner)).into()
    }
    fn set_balance(&mut self, owner: Address, v: U256) -> Result<(), Vec<u8>> {
        self.ctx.sstore(balance_slot(owner), v.into())
    }

    /// OZ's `_update`: moves `id` to `to` (zero = burn, unused here) checking that
    /// `auth` (if non-zero) may; returns the previous owner.
    fn update(&mut self, to: Address, id: U256, auth: Address) -> Result<Address, Vec<u8>> {
        let from = self.owner(id);
        if !auth.is_zero() {
            let ok = !from.is_zero()
                && (auth == from || self.is_operator(from, auth) || self.approved(id) == auth);
            if !ok {
                return Err(if from.is_zero() {
                    err(Abi::ERC721NonexistentToken { tokenId: id })
                } else {
                    err(Abi::ERC721InsufficientApproval {
                        operator: auth,
                        tokenId: id,
                    })
                });
            }
        }
        if !from.is_zero() {
            self.ctx.sstore(approved_slot(id), B256::ZERO)?;
            let b = self.balance(from);
            self.set_balance(from, b - U256::from(1))?;
        }
        if !to.is_zero() {
            let b = self.balance(to);
            self.set_balance(to, b + U256::from(1))?;
        }
        self.ctx.sstore(owner_slot(id), word(to))?;
        let ev = Abi::Transfer {
            from,
            to,
            tokenId: id,
        };
        self.ctx.emit(
            ev.encode_topics().into_iter().map(|t| t.0).collect(),
            ev.encode_data(),
        )?;
        Ok(from)
    }

    fn transfer_from(&mut self, from: Address, to: Address, id: U256) -> Result<(), Vec<u8>> {
        if to.is_zero() {
            return Err(err(Abi::ERC721InvalidReceiver {
                receiver: Address::ZERO,
            }));
        }
        let caller = self.ctx.caller();
        let previous = self.update(to, id, caller)?;
        if previous != from {
            return Err(err(Abi::ERC721IncorrectOwner {
                sender: from,
                tokenId: id,
                owner: previous,
            }));
        }
        Ok(())
    }

    /// OZ's `_checkOnERC721Received`: a receiver with code must answer the selector.
    fn check_received(
        &mut self,
        from: Address,
        to: Address,
        id: U256,
        data: Vec<u8>,
    ) -> Result<(), Vec<u8>> {
        if self.ctx.world().code(to).is_empty() {
            return Ok(());
        }
        let operator = self.ctx.caller();
        let call = IERC721Receiver::onERC721ReceivedCall {
            operator,
            from,
            tokenId: id,
            data: data.into(),
        };
        match self.ctx.call(to, U256::ZERO, &call.abi_encode()) {
            Ok(ret) => {
                let selector = IERC721Receiver::onERC721ReceivedCall::SELECTOR;
                if ret.len() >= 4 && ret[..4] == selector {
                    Ok(())
                } else {
                    Err(err(Abi::ERC721InvalidReceiver { receiver: to }))
                }
            }
            Err(reason) if reason.is_empty() => {
                Err(err(Abi::ERC721InvalidReceiver { receiver: to }))
            }
            Err(reason) => Err(reason),
        }
    }

    fn serve(&mut self) -> NativeResult {
        let call = Calls::abi_decode(self.ctx.input(), true).map_err(|_| Vec::new())?;
        let caller = self.ctx.caller();
        match call {
            Calls::mint(c) => {
                if c.to.is_zero() {
                    return Err(err(Abi::ERC721InvalidReceiver {
                        receiver: Address::ZERO,
                    }));
                }
                let previous = self.update(c.to, c.tokenId, Address::ZERO)?;
                if !previous.is_zero() {
                    return Err(err(Abi::ERC721InvalidSender {
                        sender: Address::ZERO,
                    }));
                }
                Ok(Vec::new())
            }
            Calls::ownerOf(c) => {
                let owner = self.require_owned(c.tokenId)?;
                Ok(Abi::ownerOfCall::abi_encode_returns(&(owner,)))
            }
            Calls::balanceOf(c) => {
                if c.owner.is_zero() {
                    return Err(err(Abi::ERC721InvalidOwner {
                        owner: Address::ZERO,
                    }));
                }
                let b = self.balance(c.owner);
                Ok(Abi::balanceOfCall::abi_encode_returns(&(b,)))
            }
            Calls::approve(c) => {
                let owner = self.require_owned(c.tokenId)?;
                if caller != owner && !self.is_operator(owner, caller) {
                    return Err(err(Abi::ERC721InvalidApprover { approver: caller }));
                }
                self.ctx.sstore(approved_slot(c.tokenId), word(c.to))?;
                let ev = Abi::Approval {
                    owner,
                    approved: c.to,
                    tokenId: c.tokenId,
                };
                self.ctx.emit(
                    ev.encode_topics().into_iter().map(|t| t.0).collect(),
                    ev.encode_data(),
                )?;
                Ok(Vec::new())
            }
            Calls::getApproved(c) => {
                self.require_owned(c.tokenId)?;
                let a = self.approved(c.tokenId);
                Ok(Abi::getApprovedCall::abi_encode_returns(&(a,)))
            }
            Calls::setApprovalForAll(c) => {
                if c.operator.is_zero() {
                    return Err(err(Abi::ERC721InvalidOperator {
                        operator: Address::ZERO,
                    }));
                }
                let v = if c.approved {
                    U256::from(1)
                } else {
                    U256::ZERO
                };
                self.ctx
                    .sstore(operator_slot(caller, c.operator), v.into())?;
                let ev = Abi::ApprovalForAll {
                    owner: caller,
                    operator: c.operator,
                    approved: c.approved,
                };
                self.ctx.emit(
                    ev.encode_topics().into_iter().map(|t| t.0).collect(),
                    ev.encode_data(),
                )?;
                Ok(Vec::new())
            }
            Calls::isApprovedForAll(c) => {
                let v = self.is_operator(c.owner, c.operator);
                Ok(Abi::isApprovedForAllCall::abi_encode_returns(&(v,)))
            }
            Calls::transferFrom(c) => {
                self.transfer_from(c.from, c.to, c.tokenId)?;
                Ok(Vec::new())
            }
            Calls::safeTransferFrom_0(c) => {
                self.transfer_from(c.from, c.to, c.tokenId)?;
                self.check_received(c.from, c.to, c.tokenId, Vec::new())?;
                Ok(Vec::new())
            }
            Calls::safeTransferFrom_1(c) => {
                self.transfer_from(c.from, c.to, c.tokenId)?;
                self.check_received(c.from, c.to, c.tokenId, c.data.to_vec())?;
                Ok(Vec::new())
            }
            Calls::supportsInterface(c) => {
                // ERC-165 and ERC-721.
                let id = c.interfaceId.0;
                let v = id == [0x01, 0xff, 0xc9, 0xa7] || id == [0x80, 0xac, 0x58, 0xcd];
                Ok(Abi::supportsInterfaceCall::abi_encode_returns(&(v,)))
            }
        }
    }
}

impl atelier_host::NativeContract for CollectionMock {
    fn call(&self, ctx: &mut NativeCtx<'_>) -> NativeResult {
        if !ctx.value().is_zero() {
            return Err(Vec::new()); // nothing here is payable
        }
        State { ctx }.serve()
    }
}
