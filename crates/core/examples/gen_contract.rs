//! Print a generated contract of TABLES × COLUMNS: `cargo run --release -p charter-core --example gen_contract -- 100 50`
fn main() {
    let a: Vec<usize> = std::env::args()
        .skip(1)
        .map(|x| x.parse().unwrap())
        .collect();
    print!("{}", charter_core::gen::contract(a[0], a[1]));
}
