"""The closed vocabularies a crosswalk may cite: the 総務省 guideline's sections, ISO/IEC 27001:2022
Annex A, NIST CSF 2.0 subcategories and the 25 items of IPA's 5分でできる！情報セキュリティ自社診断.

Titles are short; the ISO and guideline titles are the published headings, the CSF and IPA lines are
summaries in our own words (not the published text).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..i18n import _

GUIDELINE = "guideline"
ISO27001 = "iso27001"
CSF = "csf"
IPA = "ipa"


@dataclass(frozen=True)
class Framework:
    key: str  # the key in a crosswalk file
    name: str  # as shown to the user (in the window, the report and OSCAL links)
    short: str  # the prefix before an id in OSCAL links (「ISO/IEC 27001 A.5.15」)
    ids: dict[str, str]  # id -> title


# 総務省「地方公共団体における情報セキュリティポリシーに関するガイドライン」対策基準: the chapters and the
# sections known from published municipal standards that follow it (shared/reference/guideline-outline.md).
_GUIDELINE = {
    "1": "組織体制", "2": "情報資産の分類と管理", "3": "情報システム全体の強靱性の向上",
    "4": "物理的セキュリティ", "4.1": "サーバ等の管理", "4.2": "管理区域（情報システム室等）の管理",
    "4.3": "通信回線及び通信回線装置の管理", "4.4": "職員等の利用する端末や電磁的記録媒体等の管理",
    "5": "人的セキュリティ", "5.1": "職員等の遵守事項", "5.2": "研修・訓練",
    "5.3": "情報セキュリティインシデントの報告", "5.4": "ID及びパスワード等の管理",
    "6": "技術的セキュリティ", "6.1": "コンピュータ及びネットワークの管理", "6.2": "アクセス制御",
    "6.3": "システム開発、導入、保守等", "6.4": "不正プログラム対策", "6.5": "不正アクセス対策",
    "6.6": "セキュリティ情報の収集",
    "7": "運用", "7.1": "情報システムの監視", "7.2": "情報セキュリティポリシーの遵守状況の確認",
    "7.3": "侵害時の対応（緊急時対応計画）", "7.4": "例外措置", "7.5": "法令遵守", "7.6": "懲戒処分等",
    "8": "業務委託と外部サービス（クラウドサービス）の利用", "8.1": "業務委託",
    "8.2": "情報システムに関する業務委託", "8.3": "外部サービスの利用（機密性2以上）",
    "8.4": "外部サービスの利用（機密性2以上を扱わない）", "8.5": "ソーシャルメディアサービスの利用",
    "9": "評価・見直し", "9.1": "監査", "9.2": "自己点検", "9.3": "ポリシー及び関係規程等の見直し",
}

_ISO = {
    "A.5.1": "Policies for information security",
    "A.5.2": "Information security roles and responsibilities",
    "A.5.3": "Segregation of duties",
    "A.5.4": "Management responsibilities",
    "A.5.5": "Contact with authorities",
    "A.5.6": "Contact with special interest groups",
    "A.5.7": "Threat intelligence",
    "A.5.8": "Information security in project management",
    "A.5.9": "Inventory of information and other associated assets",
    "A.5.10": "Acceptable use of information and other associated assets",
    "A.5.11": "Return of assets",
    "A.5.12": "Classification of information",
    "A.5.13": "Labelling of information",
    "A.5.14": "Information transfer",
    "A.5.15": "Access control",
    "A.5.16": "Identity management",
    "A.5.17": "Authentication information",
    "A.5.18": "Access rights",
    "A.5.19": "Information security in supplier relationships",
    "A.5.20": "Addressing information security within supplier agreements",
    "A.5.21": "Managing information security in the ICT supply chain",
    "A.5.22": "Monitoring, review and change management of supplier services",
    "A.5.23": "Information security for use of cloud services",
    "A.5.24": "Information security incident management planning and preparation",
    "A.5.25": "Assessment and decision on information security events",
    "A.5.26": "Response to information security incidents",
    "A.5.27": "Learning from information security incidents",
    "A.5.28": "Collection of evidence",
    "A.5.29": "Information security during disruption",
    "A.5.30": "ICT readiness for business continuity",
    "A.5.31": "Legal, statutory, regulatory and contractual requirements",
    "A.5.32": "Intellectual property rights",
    "A.5.33": "Protection of records",
    "A.5.34": "Privacy and protection of PII",
    "A.5.35": "Independent review of information security",
    "A.5.36": "Compliance with policies, rules and standards for information security",
    "A.5.37": "Documented operating procedures",
    "A.6.1": "Screening",
    "A.6.2": "Terms and conditions of employment",
    "A.6.3": "Information security awareness, education and training",
    "A.6.4": "Disciplinary process",
    "A.6.5": "Responsibilities after termination or change of employment",
    "A.6.6": "Confidentiality or non-disclosure agreements",
    "A.6.7": "Remote working",
    "A.6.8": "Information security event reporting",
    "A.7.1": "Physical security perimeters",
    "A.7.2": "Physical entry",
    "A.7.3": "Securing offices, rooms and facilities",
    "A.7.4": "Physical security monitoring",
    "A.7.5": "Protecting against physical and environmental threats",
    "A.7.6": "Working in secure areas",
    "A.7.7": "Clear desk and clear screen",
    "A.7.8": "Equipment siting and protection",
    "A.7.9": "Security of assets off-premises",
    "A.7.10": "Storage media",
    "A.7.11": "Supporting utilities",
    "A.7.12": "Cabling security",
    "A.7.13": "Equipment maintenance",
    "A.7.14": "Secure disposal or re-use of equipment",
    "A.8.1": "User endpoint devices",
    "A.8.2": "Privileged access rights",
    "A.8.3": "Information access restriction",
    "A.8.4": "Access to source code",
    "A.8.5": "Secure authentication",
    "A.8.6": "Capacity management",
    "A.8.7": "Protection against malware",
    "A.8.8": "Management of technical vulnerabilities",
    "A.8.9": "Configuration management",
    "A.8.10": "Information deletion",
    "A.8.11": "Data masking",
    "A.8.12": "Data leakage prevention",
    "A.8.13": "Information backup",
    "A.8.14": "Redundancy of information processing facilities",
    "A.8.15": "Logging",
    "A.8.16": "Monitoring activities",
    "A.8.17": "Clock synchronization",
    "A.8.18": "Use of privileged utility programs",
    "A.8.19": "Installation of software on operational systems",
    "A.8.20": "Networks security",
    "A.8.21": "Security of network services",
    "A.8.22": "Segregation of networks",
    "A.8.23": "Web filtering",
    "A.8.24": "Use of cryptography",
    "A.8.25": "Secure development life cycle",
    "A.8.26": "Application security requirements",
    "A.8.27": "Secure system architecture and engineering principles",
    "A.8.28": "Secure coding",
    "A.8.29": "Security testing in development and acceptance",
    "A.8.30": "Outsourced development",
    "A.8.31": "Separation of development, test and production environments",
    "A.8.32": "Change management",
    "A.8.33": "Test information",
    "A.8.34": "Protection of information systems during audit testing",
}

# NIST CSF 2.0: the 106 subcategories (ID.AM-06 and the other numbers withdrawn in 2.0 are not listed).
_CSF = {
    "GV.OC-01": "Mission understood and informs risk management",
    "GV.OC-02": "Stakeholders and their expectations understood",
    "GV.OC-03": "Legal, regulatory and contractual requirements understood and managed",
    "GV.OC-04": "Critical objectives, capabilities and services understood",
    "GV.OC-05": "Outcomes and services the organization depends on understood",
    "GV.RM-01": "Risk management objectives agreed",
    "GV.RM-02": "Risk appetite and tolerance set",
    "GV.RM-03": "Cybersecurity risk part of enterprise risk management",
    "GV.RM-04": "Strategic direction for risk response set",
    "GV.RM-05": "Lines of communication for risks set",
    "GV.RM-06": "Standard method for calculating and prioritizing risk",
    "GV.RM-07": "Strategic opportunities considered",
    "GV.RR-01": "Leadership accountable for cybersecurity risk",
    "GV.RR-02": "Roles, responsibilities and authorities established",
    "GV.RR-03": "Adequate resources allocated",
    "GV.RR-04": "Cybersecurity included in human resources practices",
    "GV.PO-01": "Policy established and communicated",
    "GV.PO-02": "Policy reviewed and updated",
    "GV.OV-01": "Strategy outcomes reviewed",
    "GV.OV-02": "Strategy reviewed for coverage",
    "GV.OV-03": "Risk management performance evaluated",
    "GV.SC-01": "Supply chain risk management programme set",
    "GV.SC-02": "Supplier roles and responsibilities set",
    "GV.SC-03": "Supply chain risk management integrated",
    "GV.SC-04": "Suppliers known and prioritized",
    "GV.SC-05": "Requirements included in supplier contracts",
    "GV.SC-06": "Due diligence before supplier relationships",
    "GV.SC-07": "Supplier risks monitored over the relationship",
    "GV.SC-08": "Suppliers included in incident activities",
    "GV.SC-09": "Supply chain practices monitored across the life cycle",
    "GV.SC-10": "Provisions for after a supplier relationship ends",
    "ID.AM-01": "Hardware inventories kept",
    "ID.AM-02": "Software, services and systems inventories kept",
    "ID.AM-03": "Network communication and data flows documented",
    "ID.AM-04": "Supplier services inventories kept",
    "ID.AM-05": "Assets prioritized by classification and criticality",
    "ID.AM-07": "Data inventories kept",
    "ID.AM-08": "Assets managed through their life cycle",
    "ID.RA-01": "Vulnerabilities identified and recorded",
    "ID.RA-02": "Threat intelligence received",
    "ID.RA-03": "Threats identified and recorded",
    "ID.RA-04": "Impacts and likelihoods identified",
    "ID.RA-05": "Risks prioritized from threats, vulnerabilities and impacts",
    "ID.RA-06": "Risk responses chosen, planned and tracked",
    "ID.RA-07": "Changes and exceptions managed and assessed",
    "ID.RA-08": "Vulnerability disclosures handled",
    "ID.RA-09": "Hardware and software integrity assessed before use",
    "ID.RA-10": "Critical suppliers assessed before acquisition",
    "ID.IM-01": "Improvements identified from evaluations",
    "ID.IM-02": "Improvements identified from tests and exercises",
    "ID.IM-03": "Improvements identified from operations",
    "ID.IM-04": "Incident response and other plans kept and improved",
    "PR.AA-01": "Identities and credentials managed",
    "PR.AA-02": "Identities proofed and bound to credentials",
    "PR.AA-03": "Users, services and hardware authenticated",
    "PR.AA-04": "Identity assertions protected and verified",
    "PR.AA-05": "Access permissions managed (least privilege)",
    "PR.AA-06": "Physical access managed",
    "PR.AT-01": "Personnel made aware and trained",
    "PR.AT-02": "Specialized roles trained",
    "PR.DS-01": "Data at rest protected",
    "PR.DS-02": "Data in transit protected",
    "PR.DS-10": "Data in use protected",
    "PR.DS-11": "Backups created, protected, kept and tested",
    "PR.PS-01": "Configuration management practices applied",
    "PR.PS-02": "Software maintained, replaced and removed",
    "PR.PS-03": "Hardware maintained, replaced and removed",
    "PR.PS-04": "Log records generated for monitoring",
    "PR.PS-05": "Unauthorized software prevented",
    "PR.PS-06": "Secure development practices integrated",
    "PR.IR-01": "Networks and environments protected from unauthorized access",
    "PR.IR-02": "Technology protected from environmental threats",
    "PR.IR-03": "Resilience mechanisms in normal and adverse situations",
    "PR.IR-04": "Adequate capacity maintained",
    "DE.CM-01": "Networks and network services monitored",
    "DE.CM-02": "Physical environment monitored",
    "DE.CM-03": "Personnel activity and technology usage monitored",
    "DE.CM-06": "External service provider activities monitored",
    "DE.CM-09": "Computing hardware, software and data monitored",
    "DE.AE-02": "Adverse events analysed",
    "DE.AE-03": "Information correlated from multiple sources",
    "DE.AE-04": "Impact and scope of adverse events understood",
    "DE.AE-06": "Information on adverse events given to the right people",
    "DE.AE-07": "Threat intelligence and context used in analysis",
    "DE.AE-08": "Incidents declared against defined criteria",
    "RS.MA-01": "Incident response plan executed with third parties",
    "RS.MA-02": "Incident reports triaged and validated",
    "RS.MA-03": "Incidents categorized and prioritized",
    "RS.MA-04": "Incidents escalated as needed",
    "RS.MA-05": "Criteria for starting recovery applied",
    "RS.AN-03": "Analysis to find what happened and the root cause",
    "RS.AN-06": "Investigation actions recorded and preserved",
    "RS.AN-07": "Incident data and metadata collected and preserved",
    "RS.AN-08": "Incident magnitude estimated and validated",
    "RS.CO-02": "Internal and external stakeholders notified of incidents",
    "RS.CO-03": "Information shared with designated stakeholders",
    "RS.MI-01": "Incidents contained",
    "RS.MI-02": "Incidents eradicated",
    "RC.RP-01": "Recovery part of the incident response plan executed",
    "RC.RP-02": "Recovery actions selected, scoped, prioritized and performed",
    "RC.RP-03": "Integrity of backups verified before restoring",
    "RC.RP-04": "Critical functions and risk management considered in recovery",
    "RC.RP-05": "Integrity of restored assets verified",
    "RC.RP-06": "End of recovery declared and documented",
    "RC.CO-03": "Recovery progress communicated to stakeholders",
    "RC.CO-04": "Public updates on recovery shared through approved channels",
}

# IPA「5分でできる！情報セキュリティ自社診断」: 25 items (1–5 basic measures, 6–18 what each employee does,
# 19–25 what the organisation does), summarised.
_IPA = {
    "1": "OS and software kept up to date",
    "2": "Anti-virus installed with current definitions",
    "3": "Long, hard-to-guess passwords",
    "4": "Access to important information restricted",
    "5": "New threats and attack methods learnt and shared",
    "6": "Care with mail attachments and links",
    "7": "Measures against mis-sent mail and fax",
    "8": "Important information in mail protected",
    "9": "Wireless LAN used safely (encryption)",
    "10": "Measures against web and SNS troubles",
    "11": "Backups against loss of important information",
    "12": "Papers and media stored safely, not left out",
    "13": "Loss and theft measures when taking information out",
    "14": "Screen protected when away from the desk",
    "15": "Entry of outsiders to the office restricted",
    "16": "Laptops and equipment locked away",
    "17": "Office locked when nobody is there",
    "18": "Papers and media destroyed beyond recovery",
    "19": "Staff keep confidentiality",
    "20": "Security education and reminders for staff",
    "21": "Rules for private devices used for work",
    "22": "Confidentiality clauses in contracts with partners",
    "23": "External services chosen for their safety and reliability",
    "24": "Preparations for security incidents",
    "25": "Security measures made rules and shown to staff",
}

FRAMEWORKS: dict[str, Framework] = {
    GUIDELINE: Framework(GUIDELINE, "総務省 地方公共団体における情報セキュリティポリシーに関するガイドライン",
                         "ガイドライン", _GUIDELINE),
    ISO27001: Framework(ISO27001, "ISO/IEC 27001:2022 附属書A", "ISO/IEC 27001", _ISO),
    CSF: Framework(CSF, "NIST Cybersecurity Framework 2.0", "NIST CSF", _CSF),
    IPA: Framework(IPA, "IPA 5分でできる！情報セキュリティ自社診断", "IPA 自社診断", _IPA),
}
ORDER = (GUIDELINE, ISO27001, CSF, IPA)


def display_name(key: str) -> str:
    """The framework's full name, in the user's language (messages, the coverage report)."""
    return {GUIDELINE: _("総務省 地方公共団体における情報セキュリティポリシーに関するガイドライン"),
            ISO27001: _("ISO/IEC 27001:2022 附属書A"), CSF: "NIST Cybersecurity Framework 2.0",
            IPA: _("IPA 5分でできる！情報セキュリティ自社診断")}.get(key, key)


def short_name(key: str) -> str:
    """The framework's name before an id, in the user's language."""
    return {GUIDELINE: _("ガイドライン"), ISO27001: "ISO/IEC 27001", CSF: "NIST CSF",
            IPA: _("IPA 自社診断")}.get(key, key)


def reference_text(refs: tuple[tuple[str, str], ...] | list[tuple[str, str]]) -> str:
    """「ガイドライン 4.2 / ISO/IEC 27001 A.7.2 / NIST CSF PR.AA-06」 ("" when there is none)."""
    return " / ".join(f"{short_name(key)} {ref}" for key, ref in refs)
