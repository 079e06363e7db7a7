//! The catalogue of change rules. Each rule has a stable id, a one-line why, its impact on
//! each side of the contract: **consumers** (who read the data) and **producers** (who
//! write it), the release it needs, and so whom it concerns. Loosening a promise breaks
//! readers; tightening it breaks writers.

use serde::{Deserialize, Serialize};

/// How much a change matters to one side.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
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

/// A semantic-version release.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Bump {
    None,
    Patch,
    Minor,
    Major,
}

impl Bump {
    pub fn as_str(self) -> &'static str {
        match self {
            Bump::None => "none",
            Bump::Patch => "patch",
            Bump::Minor => "minor",
            Bump::Major => "major",
        }
    }
}

/// Whom a change concerns: the side(s) it can break or warn.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Perspective {
    Consumers,
    Producers,
    Both,
}

impl Perspective {
    /// The side(s) for which a rule is a warning or worse; consumers when it is neither's.
    pub const fn of(consumers: Impact, producers: Impact) -> Perspective {
        let c = matches!(consumers, Impact::Warning | Impact::Breaking);
        let p = matches!(producers, Impact::Warning | Impact::Breaking);
        match (c, p) {
            (true, true) => Perspective::Both,
            (false, true) => Perspective::Producers,
            _ => Perspective::Consumers,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Perspective::Consumers => "consumers",
            Perspective::Producers => "producers",
            Perspective::Both => "both",
        }
    }
}

impl std::fmt::Display for Perspective {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
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
    /// The release a change under this rule needs when it breaks no one protected: minor
    /// for new data and new or changed promises, patch for documentation. A change that
    /// breaks the protected side always needs a major release.
    pub bump: Bump,
    /// Whom the change concerns.
    pub perspective: Perspective,
}

impl Rule {
    /// The severity of a change under this rule when `mode` says whom to protect; a change
    /// that affects only the other side is still listed, as information.
    pub fn severity(&self, mode: super::Mode) -> Impact {
        match mode {
            super::Mode::Backward => self.consumers,
            super::Mode::Forward => self.producers,
            super::Mode::Full => self.consumers.max(self.producers),
        }
        .max(Impact::Info)
    }
    /// The release a change of this severity under this rule needs.
    pub fn bump_at(&self, severity: Impact) -> Bump {
        if severity == Impact::Breaking {
            Bump::Major
        } else {
            self.bump
        }
    }
}

macro_rules! rules {
    ($($name:ident = $id:literal, $title:literal, $c:ident, $p:ident, $b:ident, $why:literal;)*) => {
        $(pub const $name: Rule = Rule {
            id: $id,
            title: $title,
            why: $why,
            consumers: Impact::$c,
            producers: Impact::$p,
            bump: Bump::$b,
            perspective: Perspective::of(Impact::$c, Impact::$p),
        };)*
        /// Every rule, in catalogue order.
        pub const ALL: &[&Rule] = &[$(&$name),*];
    };
}

rules! {
    CONTRACT_ID_CHANGED = "contract-id-changed", "contract id changed", Breaking, Breaking, Minor,
        "Everything that references the contract by id loses it.";
    CONTRACT_DEPRECATED = "contract-deprecated", "contract deprecated", Warning, None, Minor,
        "Consumers must plan a migration before the contract is retired.";
    STATUS_CHANGED = "status-changed", "status changed", Info, Info, Patch,
        "The lifecycle status tells consumers whether to rely on the contract.";
    STATUS_REGRESSED = "status-regressed", "status moved back", Warning, None, Minor,
        "A contract or product moved back from active to draft or proposed may change without notice: readers lose a stable interface.";
    API_VERSION_CHANGED = "api-version-changed", "standard version changed", Info, Info, Patch,
        "Tools read the document by the standard's version it declares.";
    CONTRACT_DETAILS_CHANGED = "contract-details-changed", "contract details changed", Info, Info, Patch,
        "Name, domain, tenant and data product place the contract in catalogues and in the mesh.";
    PRICE_CHANGED = "price-changed", "price changed", Warning, None, Minor,
        "Consumers pay for the data at this price, in this currency and per this unit.";
    OBJECT_REMOVED = "object-removed", "schema object removed", Breaking, None, Minor,
        "Every query and pipeline reading the object fails.";
    OBJECT_ADDED = "object-added", "schema object added", Info, Info, Minor,
        "New data is available; nothing existing changes.";
    OBJECT_RENAMED = "object-renamed", "schema object renamed", Breaking, Breaking, Minor,
        "Readers and writers address the object by its name.";
    OBJECT_DEPRECATED = "object-deprecated", "schema object deprecated", Warning, None, Minor,
        "Readers should move off the object before a later version removes it.";
    DEPRECATION_WITHDRAWN = "deprecation-withdrawn", "no longer deprecated", Info, Info, Patch,
        "The element stays: readers who planned to move off it need not.";
    PHYSICAL_NAME_CHANGED = "physical-name-changed", "physical name changed", Breaking, Breaking, Minor,
        "Queries use the physical table, topic or column name.";
    PROPERTY_REMOVED = "property-removed", "property removed", Breaking, None, Minor,
        "Readers that select the property fail or get nothing.";
    PROPERTY_ADDED = "property-added", "optional property added", Info, Info, Minor,
        "New optional data; readers that ignore unknown fields are unaffected.";
    REQUIRED_PROPERTY_ADDED = "required-property-added", "required property added", None, Breaking, Minor,
        "Writers must now provide a value they did not provide before.";
    PROPERTY_RENAMED = "property-renamed", "property renamed", Breaking, Breaking, Minor,
        "Readers and writers address the property by its name.";
    LOGICAL_TYPE_CHANGED = "logical-type-changed", "logical type changed", Breaking, Breaking, Minor,
        "Values of the old type no longer fit: parsing and casting break on both sides.";
    PHYSICAL_TYPE_CHANGED = "physical-type-changed", "physical type changed", Warning, Warning, Minor,
        "Storage type changes can truncate, round or reject values.";
    PROPERTY_BECAME_OPTIONAL = "property-became-optional", "property became optional", Breaking, None, Minor,
        "Readers that assumed a value is always present now meet nulls.";
    PROPERTY_BECAME_REQUIRED = "property-became-required", "property became required", None, Breaking, Minor,
        "Writers that sometimes left it empty now violate the contract.";
    UNIQUE_DROPPED = "unique-dropped", "uniqueness dropped", Breaking, None, Minor,
        "Readers that join or deduplicate on the property get duplicates.";
    UNIQUE_ADDED = "unique-added", "uniqueness added", None, Breaking, Minor,
        "Writers that produce duplicates now violate the contract.";
    PRIMARY_KEY_CHANGED = "primary-key-changed", "primary key changed", Breaking, Breaking, Minor,
        "Joins, upserts and deduplication use the primary key.";
    PARTITION_KEY_CHANGED = "partition-key-changed", "partitioning changed", Warning, Warning, Minor,
        "Partition pruning and incremental loads depend on the partition key.";
    PROPERTY_DEPRECATED = "property-deprecated", "property deprecated", Warning, None, Minor,
        "Readers should move off the property before a later version removes it.";
    ENUM_VALUE_ADDED = "enum-value-added", "enum value added", Breaking, None, Minor,
        "Readers that handle each listed value meet one they don't know.";
    ENUM_VALUE_REMOVED = "enum-value-removed", "enum value removed", None, Breaking, Minor,
        "Writers that still send the value now violate the contract.";
    ENUM_ADDED = "enum-added", "values restricted to a list", None, Breaking, Minor,
        "Writers may now send only the listed values.";
    ENUM_REMOVED = "enum-removed", "value list removed", Breaking, None, Minor,
        "Readers that relied on the listed values may now meet any value.";
    CLASSIFICATION_CHANGED = "classification-changed", "classification changed", Warning, Warning, Minor,
        "Access rules, masking and retention follow the classification.";
    CRITICAL_DATA_CHANGED = "critical-data-changed", "critical-data flag changed", Warning, Info, Minor,
        "Critical data elements carry stricter controls and monitoring.";
    SEMANTIC_TYPE_CHANGED = "semantic-type-changed", "analytics role changed", Warning, Info, Minor,
        "BI tools sum measures and group by dimensions: another role changes the numbers people see.";
    LINEAGE_CHANGED = "lineage-changed", "lineage changed", Info, Info, Patch,
        "How the data is derived changed: lineage and impact analysis follow it.";
    MAX_LENGTH_INCREASED = "max-length-increased", "maximum length increased", Breaking, None, Minor,
        "Readers with fixed-size columns or buffers can't hold longer values.";
    MAX_LENGTH_DECREASED = "max-length-decreased", "maximum length decreased", None, Breaking, Minor,
        "Writers whose values were valid before may now be too long.";
    RANGE_WIDENED = "range-widened", "allowed range widened", Breaking, None, Minor,
        "Readers meet values outside the range they were promised.";
    RANGE_NARROWED = "range-narrowed", "allowed range narrowed", None, Breaking, Minor,
        "Writers whose values were valid before may now be out of range.";
    PATTERN_CHANGED = "pattern-changed", "pattern or format changed", Warning, Warning, Minor,
        "Values may no longer match what the other side parses or produces.";
    PATTERN_ADDED = "pattern-added", "pattern or format required", None, Breaking, Minor,
        "Writers' values must now match a pattern or format they did not have to match.";
    PATTERN_REMOVED = "pattern-removed", "pattern or format dropped", Warning, None, Minor,
        "Readers that parse values by their pattern or format may now meet values of any form.";
    TIMEZONE_CHANGED = "timezone-changed", "time zone changed", Warning, Warning, Minor,
        "Timestamps are written and read in the declared time zone.";
    VECTOR_CHANGED = "vector-changed", "vector definition changed", Breaking, Breaking, Minor,
        "Vectors of another model, size or metric can't be compared with the old ones.";
    RELATIONSHIP_REMOVED = "relationship-removed", "relationship removed", Warning, None, Minor,
        "Readers that join along the foreign key lose the guarantee.";
    RELATIONSHIP_ADDED = "relationship-added", "relationship added", None, Warning, Minor,
        "Writers must now keep the reference valid.";
    RELATIONSHIP_CHANGED = "relationship-changed", "relationship changed", Warning, Warning, Minor,
        "Joins follow the relationship's columns and type.";
    SERVER_REMOVED = "server-removed", "server removed", Breaking, None, Minor,
        "Readers connected to that server lose the data.";
    SERVER_ADDED = "server-added", "server added", Info, Info, Minor,
        "The data is available in one more place.";
    SERVER_CHANGED = "server-changed", "server location changed", Breaking, Warning, Minor,
        "Readers and writers connect by type, host, database and location.";
    SERVER_RENAMED = "server-renamed", "server renamed", Warning, Warning, Minor,
        "Tools, tests and pipelines pick a server by its name.";
    SERVER_ENVIRONMENT_CHANGED = "server-environment-changed", "server environment changed", Warning, Info, Minor,
        "Readers of production data must not silently read a test environment, nor the reverse.";
    QUALITY_RULE_REMOVED = "quality-rule-removed", "quality rule removed", Warning, None, Minor,
        "Readers lose a guarantee about the data they consume.";
    QUALITY_RULE_ADDED = "quality-rule-added", "quality rule added", None, Warning, Minor,
        "Writers' data must now pass one more check.";
    QUALITY_RULE_CHANGED = "quality-rule-changed", "quality rule changed", Warning, Warning, Minor,
        "The threshold or check behind a guarantee changed.";
    QUALITY_THRESHOLD_TIGHTENED = "quality-threshold-tightened", "quality threshold tightened", None, Breaking, Minor,
        "Writers' data that passed the check before may now fail it.";
    QUALITY_THRESHOLD_LOOSENED = "quality-threshold-loosened", "quality threshold loosened", Warning, None, Minor,
        "Readers get a weaker guarantee than before.";
    ALLOWED_VALUES_WIDENED = "allowed-values-widened", "more values allowed", Breaking, None, Minor,
        "Readers that handle each allowed value meet one they don't know.";
    ALLOWED_VALUES_NARROWED = "allowed-values-narrowed", "fewer values allowed", None, Breaking, Minor,
        "Writers that still send a value no longer allowed now fail the check.";
    QUALITY_DETAILS_CHANGED = "quality-details-changed", "quality rule details changed", Info, Info, Patch,
        "When a check runs, its severity and its dimension tell people how to read its result.";
    SLA_LOOSENED = "sla-loosened", "service level loosened", Breaking, None, Minor,
        "Readers that depend on freshness, latency or retention get less than promised.";
    SLA_TIGHTENED = "sla-tightened", "service level tightened", None, Breaking, Minor,
        "Writers must now deliver more than they promised before.";
    SLA_REMOVED = "sla-removed", "service level removed", Breaking, None, Minor,
        "Readers lose a promise they may depend on.";
    SLA_ADDED = "sla-added", "service level added", None, Warning, Minor,
        "Writers take on a new promise.";
    SLA_CHANGED = "sla-changed", "service level changed", Warning, Warning, Minor,
        "A promise changed in a way that can't be ranked as looser or tighter: both sides must check it.";
    SLA_ELEMENT_CHANGED = "sla-element-changed", "service level moved to other data", Warning, Warning, Minor,
        "A service level is measured on its element: the promise now covers other data.";
    SLA_DETAILS_CHANGED = "sla-details-changed", "service level details changed", Info, Info, Patch,
        "Why a promise matters and when it is checked help people weigh it.";
    SUPPORT_CHANGED = "support-changed", "support channel changed", Info, None, Patch,
        "Consumers need to know where to ask for help.";
    TEAM_CHANGED = "team-changed", "owning team changed", Info, None, Patch,
        "Consumers need to know who owns the data.";
    ROLES_CHANGED = "roles-changed", "access roles changed", Warning, Info, Minor,
        "Readers request access through these roles; a removed or renamed role cuts them off.";
    CUSTOM_PROPERTIES_CHANGED = "custom-properties-changed", "custom properties changed", Info, Info, Patch,
        "Tools and people may rely on organisation-specific properties.";
    TAGS_CHANGED = "tags-changed", "tags changed", Info, Info, Patch,
        "Catalogues, search and policies select data by its tags.";
    AUTHORITATIVE_DEFINITIONS_CHANGED = "authoritative-definitions-changed", "authoritative definitions changed", Info, Info, Patch,
        "People follow these links to the business definitions and the implementation.";
    EXAMPLES_CHANGED = "examples-changed", "examples changed", Info, Info, Patch,
        "Examples show people and test generators what values look like.";
    DESCRIPTION_CHANGED = "description-changed", "documentation changed", Info, Info, Patch,
        "Descriptions change nothing for machines but help people.";
    LIKELY_RENAME = "likely-rename", "likely rename without a stable id", Info, Info, Patch,
        "A removed and an added element look alike (type, description, place): if it is a rename, give both versions the same stable `id` and the change reads as one rename.";
    STABLE_ID_CHANGED = "stable-id-changed", "stable id added or removed", Warning, Info, Minor,
        "References by id (relationships, SLA elements, other contracts and tools) follow the element by its id.";
    FIELD_CHANGED = "field-changed", "field changed", Info, Info, Patch,
        "A field Charter does not model (an extension or a newer standard's field) changed: check what it means by hand.";
    PRODUCT_ID_CHANGED = "product-id-changed", "data product id changed", Breaking, Breaking, Minor,
        "Catalogues, lineage and other manifests reference the data product by id.";
    PRODUCT_DEPRECATED = "product-deprecated", "data product deprecated", Warning, None, Minor,
        "Consumers of its output ports must plan a migration before the product is retired.";
    PRODUCT_DETAILS_CHANGED = "product-details-changed", "data product details changed", Info, Info, Patch,
        "Name, domain, tenant and type place the product in catalogues and in the mesh.";
    OUTPUT_PORT_REMOVED = "output-port-removed", "output port removed", Breaking, None, Minor,
        "Consumers that read the port lose their data.";
    OUTPUT_PORT_ADDED = "output-port-added", "output port added", Info, Info, Minor,
        "The product offers more data; nothing existing changes.";
    OUTPUT_PORT_RENAMED = "output-port-renamed", "output port renamed", Breaking, Info, Minor,
        "Consumers find and subscribe to a port by its name.";
    OUTPUT_PORT_CONTRACT_CHANGED = "output-port-contract-changed", "output port's contract changed", Breaking, Warning, Minor,
        "Consumers read a port under its contract: another contract is other data and other promises.";
    OUTPUT_PORT_MAJOR_VERSION = "output-port-major-version", "output port's major version changed", Breaking, None, Minor,
        "A new major version of a port is a new interface: its consumers must migrate.";
    OUTPUT_PORT_VERSION_CHANGED = "output-port-version-changed", "output port's version changed", Info, Info, Patch,
        "A minor or patch version of a port keeps its consumers working.";
    OUTPUT_PORT_TYPE_CHANGED = "output-port-type-changed", "output port's type changed", Warning, None, Minor,
        "Consumers connect differently to tables, topics or files.";
    OUTPUT_PORT_DEPRECATED = "output-port-deprecated", "output port deprecated", Warning, None, Minor,
        "Consumers should move off the port before a later version removes it.";
    INPUT_PORT_REMOVED = "input-port-removed", "input port removed", Info, Info, Patch,
        "The product no longer reads this data: its lineage changes.";
    INPUT_PORT_ADDED = "input-port-added", "input port added", Info, Warning, Minor,
        "The product's pipelines take on a new source and its contract.";
    INPUT_PORT_CHANGED = "input-port-changed", "input port's contract or version changed", Info, Warning, Minor,
        "The product's pipelines now read other data and must follow it.";
    MANAGEMENT_PORT_REMOVED = "management-port-removed", "management port removed", Warning, None, Minor,
        "Tools and people that observe or control the product through it lose access.";
    MANAGEMENT_PORT_ADDED = "management-port-added", "management port added", Info, Info, Minor,
        "One more way to observe or control the product.";
    MANAGEMENT_PORT_CHANGED = "management-port-changed", "management port changed", Warning, None, Minor,
        "Tools connect to a management port by its URL, type and content.";
    VERSION_NOT_BUMPED = "version-not-bumped", "bump too small", Breaking, Breaking, Minor,
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
         A change that breaks the protected side needs a major release; otherwise the rule's release applies\n\
         (**minor** for new data and new or changed promises, **patch** for documentation).\n\n\
         | rule | consumers | producers | concerns | release | why |\n| --- | --- | --- | --- | --- | --- |\n",
    );
    for r in ALL {
        s.push_str(&format!(
            "| `{}` | {} | {} | {} | {} | {} |\n",
            r.id,
            r.consumers.as_str(),
            r.producers.as_str(),
            r.perspective.as_str(),
            r.bump.as_str(),
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
