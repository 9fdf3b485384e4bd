"""web3.py (pinned in requirements.txt) against the local dev chain, as a Python dapp
or script would use it: a collective deployed by scripts/deploy, views through the
ABI files, EIP-1559 and legacy transactions with web3.py's own gas handling, events
and a custom error decoded by name, an EIP-2612 permit signed as typed data, a
Multicall3 batch, block filters, and state at a past block.

Run by scripts/test (`scripts/client-tests`); alone: start nothing, just
    .venv-clients/bin/python tests/clients/test_web3py.py
(it starts its own dev chain from target/debug/atelier-devnet and deploys with
scripts/deploy; needs target/stylus/*.wasm, cargo-stylus and target/debug/atelier).
"""
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from eth_account import Account
from eth_utils import keccak
from web3 import Web3
from web3.exceptions import ContractCustomError
from web3.logs import DISCARD

ROOT = Path(__file__).resolve().parents[2]
TARGET = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
# Publicly known dev keys the chain prints (Anvil/Hardhat mnemonic #0, #1).
KEY_A = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"
KEY_B = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d"
MULTICALL3 = "0xcA11bde05977b3631167028862bE2a173976CA11"
SHARE = 10**18


def abi(name):
    return json.loads((ROOT / "abi" / f"{name}.json").read_text())


def errors_by_selector(*names):
    """Every custom error of the contracts' ABIs, by its 4-byte selector."""
    out = {}
    for name in names:
        for item in abi(name):
            if item["type"] == "error":
                sig = f"{item['name']}({','.join(i['type'] for i in item['inputs'])})"
                out[keccak(text=sig)[:4].hex()] = item["name"]
    return out


def start_chain():
    # One package per build, as scripts/demo builds them (no feature re-unification).
    for package in ("atelier-devnet", "atelier-cli"):
        subprocess.run(["cargo", "build", "-q", "--locked", "-p", package], cwd=ROOT, check=True)
    node = subprocess.Popen([str(TARGET / "debug" / "atelier-devnet"), "--port", "0"],
                            stdout=subprocess.PIPE, text=True)
    for line in node.stdout:
        m = re.match(r"^Listening on (http://\S+)", line)
        if m:
            return node, m.group(1)
    raise RuntimeError("the dev chain did not start")


def deploy(url):
    record = Path(tempfile.mkdtemp(prefix="atelier-web3py-")) / "deployment.json"
    env = dict(os.environ, RPC_URL=url, PRIVATE_KEY=KEY_A, ATELIER_BIN=str(TARGET / "debug" / "atelier"))
    done = subprocess.run([str(ROOT / "scripts" / "deploy"), "--deployment", str(record)], cwd=ROOT, env=env,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if done.returncode:
        sys.exit(f"scripts/deploy failed:\n{done.stderr}")
    contracts = json.loads(record.read_text())["contracts"]
    return {k: Web3.to_checksum_address(v["address"]) for k, v in contracts.items()}


def check(what, ok):
    print(("ok   " if ok else "FAIL ") + what, flush=True)
    if not ok:
        raise SystemExit(1)


def main():
    node, url = start_chain()
    try:
        run(url)
    finally:
        node.terminate()
        node.wait()


def run(url):
    w3 = Web3(Web3.HTTPProvider(url))
    check("connected, chain id 412346", w3.is_connected() and w3.eth.chain_id == 412346)
    a, b = Account.from_key(KEY_A), Account.from_key(KEY_B)
    addr = deploy(url)
    token = w3.eth.contract(address=addr["FractionToken"], abi=abi("FractionToken"))
    check("views through the ABI", token.functions.decimals().call() == 18 and token.functions.symbol().call())

    # History: a balance at a past block is that block's, not the latest.
    before_block = w3.eth.block_number
    before = w3.eth.get_balance(b.address)

    # EIP-1559 and legacy transfers, web3.py's gas and fee handling (no gas given).
    for kind, fees in (("EIP-1559", {}), ("legacy", {"gasPrice": w3.eth.gas_price})):
        tx = {"from": a.address, "to": b.address, "value": 10**15,
              "nonce": w3.eth.get_transaction_count(a.address), "chainId": 412346, **fees}
        tx["gas"] = w3.eth.estimate_gas(tx)
        if not fees:
            tx["maxFeePerGas"] = 2 * w3.eth.get_block("latest")["baseFeePerGas"] + w3.eth.max_priority_fee
            tx["maxPriorityFeePerGas"] = w3.eth.max_priority_fee
        r = w3.eth.wait_for_transaction_receipt(w3.eth.send_raw_transaction(a.sign_transaction(tx).raw_transaction))
        check(f"{kind} transfer mined (type {r['type']})", r["status"] == 1)
    check("state at a past block", w3.eth.get_balance(b.address, block_identifier=before_block) == before
          and w3.eth.get_balance(b.address) == before + 2 * 10**15)

    # A Stylus call with web3.py's own estimate: buy at the quote, event decoded.
    block_filter = w3.eth.filter("latest")
    cost = token.functions.quoteBuy(SHARE).call()
    built = token.functions.buy(SHARE, cost, 2**40).build_transaction(
        {"from": b.address, "value": cost, "nonce": w3.eth.get_transaction_count(b.address)})
    r = w3.eth.wait_for_transaction_receipt(w3.eth.send_raw_transaction(b.sign_transaction(built).raw_transaction))
    # The receipt's other logs (Transfer, the treasury's) are not SharesBought.
    bought = token.events.SharesBought().process_receipt(r, errors=DISCARD)
    check("buy with the default estimate; SharesBought decoded", r["status"] == 1 and bought[0]["args"]["shares"] == SHARE)
    check("block filter sees the new block", r["blockNumber"] in [w3.eth.get_block(h)["number"] for h in block_filter.get_new_entries()])

    # A revert decoded by its custom error's name.
    names = errors_by_selector("FractionToken", "Treasury", "CurationRegistry", "ArtVault", "ArtGovernor")
    try:
        token.functions.buy(SHARE, 1, 2**40).call({"from": b.address, "value": 1})
        check("an underpaid buy reverts", False)
    except ContractCustomError as e:
        data = e.data if isinstance(e.data, str) else e.data.hex()
        check(f"custom error by name: {names.get(data.removeprefix('0x')[:8])}",
              names.get(data.removeprefix("0x")[:8]) in ("MaxCostExceeded", "InsufficientPayment"))

    # EIP-2612 permit signed as EIP-712 typed data (the domain read by ERC-5267).
    fields, name, version, chain_id, verifying, _, _ = token.functions.eip712Domain().call()
    nonce = token.functions.nonces(b.address).call()
    deadline = w3.eth.get_block("latest")["timestamp"] + 3600
    typed = {
        "types": {
            "EIP712Domain": [{"name": "name", "type": "string"}, {"name": "version", "type": "string"},
                             {"name": "chainId", "type": "uint256"}, {"name": "verifyingContract", "type": "address"}],
            "Permit": [{"name": "owner", "type": "address"}, {"name": "spender", "type": "address"},
                       {"name": "value", "type": "uint256"}, {"name": "nonce", "type": "uint256"},
                       {"name": "deadline", "type": "uint256"}],
        },
        "primaryType": "Permit",
        "domain": {"name": name, "version": version, "chainId": chain_id, "verifyingContract": verifying},
        "message": {"owner": b.address, "spender": a.address, "value": SHARE, "nonce": nonce, "deadline": deadline},
    }
    sig = Account.sign_typed_data(KEY_B, full_message=typed)
    call = token.functions.permit(b.address, a.address, SHARE, deadline, sig.v, sig.r.to_bytes(32, "big"), sig.s.to_bytes(32, "big"))
    tx = call.build_transaction({"from": a.address, "nonce": w3.eth.get_transaction_count(a.address)})
    r = w3.eth.wait_for_transaction_receipt(w3.eth.send_raw_transaction(a.sign_transaction(tx).raw_transaction))
    check("permit from typed data", r["status"] == 1 and token.functions.allowance(b.address, a.address).call() == SHARE)

    # Multicall3 at its canonical address: two views in one call.
    multicall = w3.eth.contract(address=MULTICALL3, abi=[{
        "type": "function", "name": "aggregate3", "stateMutability": "payable",
        "inputs": [{"name": "calls", "type": "tuple[]", "components": [
            {"name": "target", "type": "address"}, {"name": "allowFailure", "type": "bool"}, {"name": "callData", "type": "bytes"}]}],
        "outputs": [{"name": "returnData", "type": "tuple[]", "components": [
            {"name": "success", "type": "bool"}, {"name": "returnData", "type": "bytes"}]}]}])
    calls = [(token.address, False, token.encode_abi("totalSupply")), (token.address, False, token.encode_abi("balanceOf", [b.address]))]
    out = multicall.functions.aggregate3(calls).call()
    supply, held = (int.from_bytes(r[1], "big") for r in out)
    check("Multicall3 batch", supply == token.functions.totalSupply().call() and held == SHARE)


if __name__ == "__main__":
    t0 = time.time()
    main()
    print(f"web3.py suite passed in {time.time() - t0:.1f}s")
