//! What the reader tests share.

/// Every label sites use for the disclosure (信息公开属性 and kin), as the Chinese sites write
/// it, and the English key in two cases.
pub const DISCLOSURE_LABELS: [&str; 10] = [
    "公开形式",
    "公开方式",
    "信息公开方式",
    "信息公开形式",
    "公开范围",
    "信息公开属性",
    "是否公开",
    "公开属性",
    "disclosure",
    "Disclosure",
];
