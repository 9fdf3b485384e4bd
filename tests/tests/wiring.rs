//! The wiring helper stands up a consistent collective.
use atelier_tests::wiring::deploy;

#[test]
fn deploy_wires_every_contract_to_the_others() {
    let c = deploy();
    assert_eq!(c.token.sender(c.people.alice.address()).vault(), c.vault.address());
    assert_eq!(c.token.sender(c.people.alice.address()).treasury(), c.treasury.address());
    assert_eq!(c.registry.sender(c.people.alice.address()).vault(), c.vault.address());
    let (tok, reg, vault) = c.treasury.sender(c.people.alice.address()).wiring();
    assert_eq!((tok, reg, vault), (c.token.address(), c.registry.address(), c.vault.address()));
}
