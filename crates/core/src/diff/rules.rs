//! The catalogue of change rules. Each rule has a stable id, a one-line why, and its
//! impact on each side of the contract: **consumers** (who read the data) and
//! **producers** (who write it). Loosening a promise breaks readers; tightening it breaks
//! writers.

use serde::Serialize;

/// How much a change matters to one side.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Impact {
    None,
    Info,
    Warning,
    Breaking,
}

impl Impact {
    pub fn as_str(self) -> &'static str {
        match self {
            Impact::None => "none",
            Impact::Info => "info",
            Impact::Warning => "warning",
            Impact::Breaking => "breaking",
        }
    }
}

#[derive(Debug, PartialEq, Eq)]
pub struct Rule {
    pub id: &'static str,
    /// Short title used in messages: "property became optional".
    pub title: &'static str,
    /// One line: why this matters.
    pub why: &'static str,
    pub consumers: Impact,
    pub producers: Impact,
}

macro_rules! rules {
    ($($name:ident = $id:literal, $title:literal, $c:ident, $p:ident, $why:literal;)*) => {
        $(pub const $name: Rule = Rule { id: $id, title: $title, why: $why, consumers: Impact::$c, producers: Impact::$p };)*
        /// Every rule, in catalogue order.
        pub const ALL: &[&Rule] = &[$(&$name),*];
    };
}

rules! {
    CONTRACT_ID_CHANGED = "contract-id-changed", "contract id changed", Breaking, Breaking,
        "Everything that references the contract by id loses it.";
    CONTRACT_DEPRECATED = "contract-deprecated", "contract deprecated", Warning, None,
        "Consumers must plan a migration before the contract is retired.";
    STATUS_CHANGED = "status-changed", "status changed", Info, Info,
        "The lifecycle status tells consumers whether to rely on the contract.";
    OBJECT_REMOVED = "object-removed", "schema object removed", Breaking, None,
        "Every query and pipeline reading the object fails.";
    OBJECT_ADDED = "object-added", "schema object added", Info, Info,
        "New data is available; nothing existing changes.";
    OBJECT_RENAMED = "object-renamed", "schema object renamed", Breaking, Breaking,
        "Readers and writers address the object by its name.";
    PHYSICAL_NAME_CHANGED = "physical-name-changed", "physical name changed", Breaking, Breaking,
        "Queries use the physical table, topic or column name.";
    PROPERTY_REMOVED = "property-removed", "property removed", Breaking, None,
        "Readers that select the property fail or get nothing.";
    PROPERTY_ADDED = "property-added", "optional property added", Info, Info,
        "New optional data; readers that ignore unknown fields are unaffected.";
    REQUIRED_PROPERTY_ADDED = "required-property-added", "required property added", None, Breaking,
        "Writers must now provide a value they did not provide before.";
    PROPERTY_RENAMED = "property-renamed", "property renamed", Breaking, Breaking,
        "Readers and writers address the property by its name.";
    LOGICAL_TYPE_CHANGED = "logical-type-changed", "logical type changed", Breaking, Breaking,
        "Values of the old type no longer fit: parsing and casting break on both sides.";
    PHYSICAL_TYPE_CHANGED = "physical-type-changed", "physical type changed", Warning, Warning,
        "Storage type changes can truncate, round or reject values.";
    PROPERTY_BECAME_OPTIONAL = "property-became-optional", "property became optional", Breaking, None,
        "Readers that assumed a value is always present now meet nulls.";
    PROPERTY_BECAME_REQUIRED = "property-became-required", "property became required", None, Breaking,
        "Writers that sometimes left it empty now violate the contract.";
    UNIQUE_DROPPED = "unique-dropped", "uniqueness dropped", Breaking, None,
        "Readers that join or deduplicate on the property get duplicates.";
    UNIQUE_ADDED = "unique-added", "uniqueness added", None, Breaking,
        "Writers that produce duplicates now violate the contract.";
    PRIMARY_KEY_CHANGED = "primary-key-changed", "primary key changed", Breaking, Breaking,
        "Joins, upserts and deduplication use the primary key.";
    PARTITION_KEY_CHANGED = "partition-key-changed", "partitioning changed", Warning, Warning,
        "Partition pruning and incremental loads depend on the partition key.";
    PROPERTY_DEPRECATED = "property-deprecated", "property deprecated", Warning, None,
        "Readers should move off the property before a later version removes it.";
    ENUM_VALUE_ADDED = "enum-value-added", "enum value added", Breaking, None,
        "Readers that handle each listed value meet one they don't know.";
    ENUM_VALUE_REMOVED = "enum-value-removed", "enum value removed", None, Breaking,
        "Writers that still send the value now violate the contract.";
    ENUM_ADDED = "enum-added", "values restricted to a list", None, Breaking,
        "Writers may now send only the listed values.";
    ENUM_REMOVED = "enum-removed", "value list removed", Breaking, None,
        "Readers that relied on the listed values may now meet any value.";
    CLASSIFICATION_CHANGED = "classification-changed", "classification changed", Warning, Warning,
        "Access rules, masking and retention follow the classification.";
    CRITICAL_DATA_CHANGED = "critical-data-changed", "critical-data flag changed", Warning, Info,
        "Critical data elements carry stricter controls and monitoring.";
    MAX_LENGTH_INCREASED = "max-length-increased", "maximum length increased", Breaking, None,
        "Readers with fixed-size columns or buffers can't hold longer values.";
    MAX_LENGTH_DECREASED = "max-length-decreased", "maximum length decreased", None, Breaking,
        "Writers whose values were valid before may now be too long.";
    RANGE_WIDENED = "range-widened", "allowed range widened", Breaking, None,
        "Readers meet values outside the range they were promised.";
    RANGE_NARROWED = "range-narrowed", "allowed range narrowed", None, Breaking,
        "Writers whose values were valid before may now be out of range.";
    PATTERN_CHANGED = "pattern-changed", "pattern or format changed", Warning, Warning,
        "Values may no longer match what the other side parses or produces.";
    RELATIONSHIP_REMOVED = "relationship-removed", "relationship removed", Warning, None,
        "Readers that join along the foreign key lose the guarantee.";
    RELATIONSHIP_ADDED = "relationship-added", "relationship added", None, Warning,
        "Writers must now keep the reference valid.";
    SERVER_REMOVED = "server-removed", "server removed", Breaking, None,
        "Readers connected to that server lose the data.";
    SERVER_ADDED = "server-added", "server added", Info, Info,
        "The data is available in one more place.";
    SERVER_CHANGED = "server-changed", "server location changed", Breaking, Warning,
        "Readers and writers connect by type, host, database and location.";
    QUALITY_RULE_REMOVED = "quality-rule-removed", "quality rule removed", Warning, None,
        "Readers lose a guarantee about the data they consume.";
    QUALITY_RULE_ADDED = "quality-rule-added", "quality rule added", None, Warning,
        "Writers' data must now pass one more check.";
    QUALITY_RULE_CHANGED = "quality-rule-changed", "quality rule changed", Warning, Warning,
        "The threshold or check behind a guarantee changed.";
    SLA_LOOSENED = "sla-loosened", "service level loosened", Breaking, None,
        "Readers that depend on freshness, latency or retention get less than promised.";
    SLA_TIGHTENED = "sla-tightened", "service level tightened", None, Breaking,
        "Writers must now deliver more than they promised before.";
    SLA_REMOVED = "sla-removed", "service level removed", Breaking, None,
        "Readers lose a promise they may depend on.";
    SLA_ADDED = "sla-added", "service level added", None, Warning,
        "Writers take on a new promise.";
    SUPPORT_CHANGED = "support-changed", "support channel changed", Info, None,
        "Consumers need to know where to ask for help.";
    TEAM_CHANGED = "team-changed", "owning team changed", Info, None,
        "Consumers need to know who owns the data.";
    ROLES_CHANGED = "roles-changed", "access roles changed", Warning, Info,
        "Readers request access through these roles; a removed or renamed role cuts them off.";
    CUSTOM_PROPERTIES_CHANGED = "custom-properties-changed", "custom properties changed", Info, Info,
        "Tools and people may rely on organisation-specific properties.";
    DESCRIPTION_CHANGED = "description-changed", "documentation changed", Info, Info,
        "Descriptions change nothing for machines but help people.";
    PRODUCT_ID_CHANGED = "product-id-changed", "data product id changed", Breaking, Breaking,
        "Catalogues, lineage and other manifests reference the data product by id.";
    PRODUCT_DEPRECATED = "product-deprecated", "data product deprecated", Warning, None,
        "Consumers of its output ports must plan a migration before the product is retired.";
    PRODUCT_DETAILS_CHANGED = "product-details-changed", "data product details changed", Info, Info,
        "Name, domain, tenant and type place the product in catalogues and in the mesh.";
    OUTPUT_PORT_REMOVED = "output-port-removed", "output port removed", Breaking, None,
        "Consumers that read the port lose their data.";
    OUTPUT_PORT_ADDED = "output-port-added", "output port added", Info, Info,
        "The product offers more data; nothing existing changes.";
    OUTPUT_PORT_RENAMED = "output-port-renamed", "output port renamed", Breaking, Info,
        "Consumers find and subscribe to a port by its name.";
    OUTPUT_PORT_CONTRACT_CHANGED = "output-port-contract-changed", "output port's contract changed", Breaking, Warning,
        "Consumers read a port under its contract: another contract is other data and other promises.";
    OUTPUT_PORT_MAJOR_VERSION = "output-port-major-version", "output port's major version changed", Breaking, None,
        "A new major version of a port is a new interface: its consumers must migrate.";
    OUTPUT_PORT_VERSION_CHANGED = "output-port-version-changed", "output port's version changed", Info, Info,
        "A minor or patch version of a port keeps its consumers working.";
    OUTPUT_PORT_TYPE_CHANGED = "output-port-type-changed", "output port's type changed", Warning, None,
        "Consumers connect differently to tables, topics or files.";
    OUTPUT_PORT_DEPRECATED = "output-port-deprecated", "output port deprecated", Warning, None,
        "Consumers should move off the port before a later version removes it.";
    INPUT_PORT_REMOVED = "input-port-removed", "input port removed", Info, Info,
        "The product no longer reads this data: its lineage changes.";
    INPUT_PORT_ADDED = "input-port-added", "input port added", Info, Warning,
        "The product's pipelines take on a new source and its contract.";
    INPUT_PORT_CHANGED = "input-port-changed", "input port's contract or version changed", Info, Warning,
        "The product's pipelines now read other data and must follow it.";
    MANAGEMENT_PORT_REMOVED = "management-port-removed", "management port removed", Warning, None,
        "Tools and people that observe or control the product through it lose access.";
    MANAGEMENT_PORT_ADDED = "management-port-added", "management port added", Info, Info,
        "One more way to observe or control the product.";
    MANAGEMENT_PORT_CHANGED = "management-port-changed", "management port changed", Warning, None,
        "Tools connect to a management port by its URL, type and content.";
    VERSION_NOT_BUMPED = "version-not-bumped", "bump too small", Breaking, Breaking,
        "Semantic versioning tells consumers whether an upgrade is safe; its severity follows the bump that is missing (major: breaking, minor: warning, patch: info).";
}

pub fn by_id(id: &str) -> Option<&'static Rule> {
    ALL.iter().copied().find(|r| r.id == id)
}

/// The Markdown reference page of all change rules.
pub fn markdown() -> String {
    let mut s = String::from(
        "# Change rules\n\n<!-- Generated from crates/core/src/diff/rules.rs by `charter rules --markdown`. Do not edit. -->\n\n\
         `charter diff` compares a base and a new version of a contract or of a data product manifest. Each change it finds follows one of these rules.\n\
         For a manifest, **consumers** are the data products and people that read its output ports, **producers** the team and\n\
         pipelines that build the product.\n\
         The impact depends on who you protect: **consumers** read the data (mode `backward`, the default),\n\
         **producers** write it (mode `forward`); mode `full` protects both.\n\n\
         | rule | consumers | producers | why |\n| --- | --- | --- | --- |\n",
    );
    for r in ALL {
        s.push_str(&format!(
            "| `{}` | {} | {} | {} |\n",
            r.id,
            r.consumers.as_str(),
            r.producers.as_str(),
            r.why
        ));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_kebab_case() {
        let mut seen = std::collections::HashSet::new();
        for r in ALL {
            assert!(seen.insert(r.id), "duplicate {}", r.id);
            assert!(r.id.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'));
            assert!(
                r.consumers != Impact::None || r.producers != Impact::None,
                "{}",
                r.id
            );
        }
    }
}
