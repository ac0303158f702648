"""Data tables for the corpus generator: names, countries, organizations, topics and phrases.

Everything here is plain data; :mod:`benchmarks.corpus` combines it with a seeded random
generator. Vietnamese names are written with their full diacritics, Thai names in Thai script
with a Latin spelling beside them, Japanese names romanised with macrons.
"""

from __future__ import annotations

from dataclasses import dataclass


def _split(text: str) -> tuple[str, ...]:
    """A table written as one string: ``"a|b|c"`` -> ``("a", "b", "c")``."""
    return tuple(text.split("|"))


# -- names ------------------------------------------------------------------------------------

# Vietnamese family names with rough weights (Nguyễn is by far the most common).
VI_FAMILY: tuple[tuple[str, float], ...] = (
    ("Nguyễn", 38.0),
    ("Trần", 11.0),
    ("Lê", 9.5),
    ("Phạm", 7.0),
    ("Hoàng", 5.0),
    ("Huỳnh", 4.0),
    ("Phan", 4.5),
    ("Vũ", 4.0),
    ("Võ", 3.5),
    ("Đặng", 2.0),
    ("Bùi", 2.0),
    ("Đỗ", 1.5),
    ("Hồ", 1.5),
    ("Ngô", 1.3),
    ("Dương", 1.0),
    ("Lý", 0.5),
    ("Lương", 0.5),
    ("Trịnh", 0.5),
    ("Đinh", 0.6),
    ("Mai", 0.4),
    ("Tạ", 0.3),
    ("Phùng", 0.3),
    ("Đoàn", 0.4),
    ("Chu", 0.2),
)
VI_MIDDLE: tuple[tuple[str, float], ...] = (
    ("Văn", 20.0),
    ("Xuân", 4.0),
    ("Tân", 2.0),
    ("Đức", 5.0),
    ("Hữu", 4.0),
    ("Minh", 4.0),
    ("Quang", 4.0),
    ("Thanh", 3.0),
    ("Công", 3.0),
    ("Đình", 3.0),
    ("Ngọc", 2.0),
    ("Trọng", 2.0),
    ("Hồng", 2.0),
    ("Chí", 2.0),
    ("Mạnh", 1.5),
    ("Quốc", 2.0),
    ("Việt", 1.5),
    ("Hoài", 1.0),
    ("Thế", 1.5),
    ("Bá", 1.0),
    ("Khắc", 1.0),
    ("Tiến", 1.0),
)
VI_GIVEN: tuple[str, ...] = _split(
    "Chiến|Cương|Giang|Hùng|Dũng|Thắng|Sơn|Tuấn|Hải|Long|Phong|Quân|Lực|Nghĩa|Bình|"
    "Khánh|Thành|Trung|Việt|Cường|Lâm|Tùng|Hiếu|Phúc|Toàn|Hòa|Vịnh|Lịch|Tài|Huy|Kiên|"
    "Đông|Nam|Hưng|Thịnh|Vinh|Tiến|Định|Bảo|An|Quyết|Thuận|Hoan|Trường|Tâm|Lợi|Đạt|"
    "Hoàn|Mừng|Sỹ"
)
VI_FEMALE_GIVEN: tuple[str, ...] = _split("Hà|Lan|Hương|Mai|Thảo|Nga|Hạnh|Thủy|Liên|Ngân|Oanh")

# Thai given names and family-name parts: (Thai script, Latin spelling).
TH_GIVEN: tuple[tuple[str, str], ...] = (
    ("สุทิน", "Sutin"),
    ("ประยุทธ์", "Prayut"),
    ("ประวิตร", "Prawit"),
    ("สมชาย", "Somchai"),
    ("สมศักดิ์", "Somsak"),
    ("ชัยวัฒน์", "Chaiwat"),
    ("ณัฐพล", "Nattaphon"),
    ("วีระ", "Wira"),
    ("อนุพงษ์", "Anupong"),
    ("ธนากร", "Thanakorn"),
    ("กิตติ", "Kitti"),
    ("สุรพล", "Suraphon"),
    ("ปิยะ", "Piya"),
    ("วิชัย", "Wichai"),
    ("บุญชัย", "Boonchai"),
    ("ชาญชัย", "Chanchai"),
    ("เฉลิมชัย", "Chalermchai"),
    ("อภิรัชต์", "Apirat"),
    ("สมพงษ์", "Sompong"),
    ("ประสิทธิ์", "Prasit"),
    ("ธีรชัย", "Theerachai"),
    ("สุรศักดิ์", "Surasak"),
    ("ณรงค์", "Narong"),
    ("พิชิต", "Phichit"),
    ("อดิศร", "Adisorn"),
    ("ศักดิ์ชัย", "Sakchai"),
    ("ทรงพล", "Songphon"),
    ("ไพโรจน์", "Pairoj"),
    ("นพดล", "Noppadon"),
    ("เกรียงไกร", "Kriangkrai"),
    ("สุชาติ", "Suchat"),
    ("มนตรี", "Montri"),
    ("ธวัชชัย", "Thawatchai"),
    ("พงศ์ศักดิ์", "Phongsak"),
)
TH_FAMILY_HEAD: tuple[tuple[str, str], ...] = (
    ("คลัง", "Klung"),
    ("ทอง", "Thong"),
    ("ศรี", "Sri"),
    ("แก้ว", "Kaeo"),
    ("บุญ", "Boon"),
    ("สุข", "Suk"),
    ("เพชร", "Phet"),
    ("จันทร์", "Chan"),
    ("ชัย", "Chai"),
    ("วงศ์", "Wong"),
    ("มณี", "Mani"),
    ("เจริญ", "Charoen"),
    ("รัตน", "Rattana"),
    ("สมบูรณ์", "Sombun"),
    ("อินทร", "Intha"),
    ("พรหม", "Phrom"),
    ("นาค", "Nak"),
    ("คง", "Kong"),
)
TH_FAMILY_TAIL: tuple[tuple[str, str], ...] = (
    ("แสง", "sang"),
    ("สุข", "suk"),
    ("วงศ์", "wong"),
    ("ชัย", "chai"),
    ("ศรี", "sri"),
    ("กุล", "kul"),
    ("พันธ์", "phan"),
    ("สมพงษ์", "sompong"),
    ("ทอง", "thong"),
    ("วัฒน์", "wat"),
    ("รักษ์", "rak"),
    ("ภักดี", "phakdi"),
    ("สวัสดิ์", "sawat"),
    ("นิยม", "niyom"),
    ("เจริญ", "charoen"),
    ("พงษ์", "phong"),
    ("ศิริ", "siri"),
)

MS_GIVEN: tuple[str, ...] = _split(
    "Mohamed Khaled|Hishammuddin|Ahmad Zahid|Mohamad|Abdul Rahman|Lokman Hakim|"
    "Affendi|Zulkifli|Mohd Nizam|Mohd Hasnan|Hussein|Ismail|Razali|Sabri|"
    "Shahrul Nizam|Faizal|Kamarudin|Rosli|Anuar|Azman|Roslan|Khairul Anuar|"
    "Muhammad Ruzlan|Fadzil|Jamil|Hasbullah|Aziz|Halim|Nasir|Yusri"
)
MS_FEMALE_GIVEN: tuple[str, ...] = _split(
    "Siti Aminah|Nurul Huda|Noraini|Faridah|Rosnah|Zuraida|Hamidah"
)
MS_FATHER: tuple[tuple[str, float], ...] = (
    ("Nordin", 2.0),
    ("Ali", 3.0),
    ("Abdullah", 4.0),
    ("Hussein", 2.0),
    ("Ismail", 3.0),
    ("Yusof", 2.0),
    ("Hassan", 3.0),
    ("Omar", 2.0),
    ("Ahmad", 4.0),
    ("Abdul Rahman", 2.0),
    ("Jaafar", 1.0),
    ("Othman", 1.5),
    ("Ibrahim", 2.5),
    ("Mahmud", 1.0),
    ("Salleh", 1.5),
    ("Zakaria", 1.0),
    ("Hamid", 1.5),
    ("Idris", 1.5),
    ("Bakar", 1.0),
    ("Mat", 1.0),
)
MS_HONORIFICS: tuple[str, ...] = ("Datuk", "Dato' Seri", "Tan Sri", "Datuk Seri", "Dato'")
BN_HONORIFICS: tuple[str, ...] = ("Pehin", "Dato Paduka", "Pengiran", "Awang")

ID_GIVEN: tuple[str, ...] = _split(
    "Agus|Budi|Bambang|Dedi|Eko|Hadi|Joko|Andi|Rudi|Yudo|Andika|Donny|Fadjar|Muhammad|"
    "Tri|Wahyu|Sigit|Dudung|Maruli|Tonny|Sjafrie|Ryamizard|Gatot|Yusuf|Arif|Dwi|"
    "Herman|Iwan"
)
ID_FAMILY: tuple[tuple[str, float], ...] = (
    ("Subiyanto", 1.0),
    ("Prasetyo", 3.0),
    ("Santoso", 3.0),
    ("Wibowo", 3.0),
    ("Hidayat", 2.5),
    ("Kurniawan", 2.5),
    ("Setiawan", 2.5),
    ("Saputra", 2.0),
    ("Nugroho", 2.5),
    ("Susanto", 2.0),
    ("Purnomo", 1.5),
    ("Simanjuntak", 1.0),
    ("Harahap", 1.0),
    ("Siregar", 1.0),
    ("Sjamsoeddin", 0.5),
    ("Margono", 0.8),
    ("Perkasa", 0.6),
    ("Tjahjanto", 0.6),
    ("Ermawan", 0.6),
    ("Sumarno", 1.0),
    ("Hartono", 1.5),
    ("Gunawan", 1.5),
    ("Pratama", 1.5),
    ("Rahardjo", 1.0),
)

# Japanese names romanised with macrons (family name first, as in Japanese usage).
JA_FAMILY: tuple[tuple[str, float], ...] = (
    ("Satō", 5.0),
    ("Suzuki", 5.0),
    ("Takahashi", 4.0),
    ("Tanaka", 4.0),
    ("Itō", 3.5),
    ("Watanabe", 3.5),
    ("Yamamoto", 3.0),
    ("Nakamura", 3.0),
    ("Kobayashi", 3.0),
    ("Katō", 2.5),
    ("Yoshida", 2.5),
    ("Yamada", 2.0),
    ("Saitō", 2.0),
    ("Kōno", 1.0),
    ("Ōno", 1.0),
    ("Gotō", 1.0),
    ("Kondō", 1.0),
    ("Endō", 1.0),
    ("Kihara", 0.5),
    ("Hamada", 0.8),
    ("Kishi", 0.6),
    ("Onodera", 0.6),
    ("Iwaya", 0.5),
    ("Nakatani", 0.6),
    ("Koizumi", 0.6),
    ("Ōtsuka", 0.8),
    ("Hayashi", 1.5),
    ("Shimizu", 1.5),
    ("Inoue", 1.5),
    ("Kimura", 1.5),
    ("Matsumoto", 1.5),
    ("Ishikawa", 1.0),
    ("Fujita", 1.0),
    ("Okada", 1.0),
    ("Ōta", 0.8),
)
JA_GIVEN: tuple[str, ...] = _split(
    "Minoru|Shinjirō|Yasukazu|Nobuo|Tarō|Kōichi|Itsunori|Takeshi|Gen|Tomomi|Kenji|"
    "Hiroshi|Yūji|Shūichi|Ryōta|Kōji|Daisuke|Masahiro|Tetsuya|Jun|Kazuhiro|Akira|"
    "Shigeru|Yōsuke|Kōtarō|Shōta|Yūsuke|Ken'ichi"
)

EN_GIVEN: tuple[str, ...] = _split(
    "James|John|Richard|Michael|David|Andrew|Peter|Mark|Lloyd|Christopher|Ben|Grant|"
    "Penny|Marise|Linda|Catherine|Sarah|Elizabeth|Anthony|Robert|Thomas|Stephen|Paul|"
    "Matthew|Daniel|Jonathan|Simon|Angus|Heather|Judith|Kathryn|Ashley|Emma|Rachel|"
    "Hugh|Nigel|Fiona|Claire"
)
EN_FAMILY: tuple[tuple[str, float], ...] = (
    ("Smith", 4.0),
    ("Jones", 3.0),
    ("Williams", 3.0),
    ("Brown", 3.0),
    ("Taylor", 2.5),
    ("Wilson", 2.5),
    ("Marles", 0.5),
    ("Austin", 1.0),
    ("Wallace", 1.0),
    ("Healey", 0.8),
    ("Conroy", 0.6),
    ("Payne", 1.0),
    ("Reynolds", 1.0),
    ("Campbell", 1.5),
    ("Thompson", 2.0),
    ("Roberts", 2.0),
    ("Clarke", 1.5),
    ("Walker", 2.0),
    ("Wright", 1.5),
    ("Hughes", 1.5),
    ("Edwards", 1.5),
    ("Green", 1.5),
    ("Hall", 1.5),
    ("Wood", 1.2),
    ("Harris", 1.5),
    ("Lewis", 1.5),
    ("Martin", 1.5),
    ("Jackson", 1.5),
    ("Cooper", 1.2),
    ("Ward", 1.0),
    ("Fitzgerald", 0.6),
    ("McKenzie", 0.6),
)

PH_GIVEN: tuple[str, ...] = _split(
    "Gilberto|Delfin|Voltaire|Carlito|Romeo|Eduardo|Jose|Antonio|Ramon|Rolando|"
    "Ferdinand|Emmanuel|Ricardo|Arsenio|Teresita|Cristina"
)
PH_FAMILY: tuple[tuple[str, float], ...] = (
    ("Teodoro", 0.8),
    ("Lorenzana", 0.6),
    ("Gazmin", 0.5),
    ("Galvez", 0.8),
    ("Brawner", 0.5),
    ("Faustino", 0.8),
    ("Santos", 3.0),
    ("Reyes", 3.0),
    ("Cruz", 2.5),
    ("Bautista", 2.0),
    ("Garcia", 2.5),
    ("Mendoza", 2.0),
    ("Villanueva", 1.5),
    ("Aquino", 1.0),
    ("Ramos", 1.5),
    ("Dela Cruz", 1.5),
    ("Padilla", 1.0),
    ("Andolong", 0.5),
)

SG_FAMILY: tuple[tuple[str, float], ...] = (
    ("Ng", 2.0),
    ("Teo", 2.0),
    ("Chan", 2.0),
    ("Lim", 3.0),
    ("Tan", 4.0),
    ("Lee", 3.0),
    ("Wong", 2.0),
    ("Ong", 2.0),
    ("Goh", 1.5),
    ("Koh", 1.5),
    ("Chua", 1.5),
    ("Heng", 1.0),
    ("Lau", 1.0),
)
SG_SYLLABLES: tuple[str, ...] = _split(
    "Eng|Hen|Chee|Hean|Chun|Sing|Kok|Kwang|Wei|Ming|Boon|Keng|Hock|Seng|Kiat|Meng|"
    "Yong|Lip|Chye|Swee|Kian|Hong"
)

LO_GIVEN: tuple[str, ...] = _split(
    "Chansamone|Souvone|Vilay|Khamphan|Somphone|Bounthong|Sisavath|Thongloun|"
    "Phoukhong|Souksavanh|Khamla|Viengxay|Bounmy|Sengphet|Khampheng|Thongsavanh|"
    "Phouvong|Kongsy"
)
LO_FAMILY: tuple[tuple[str, float], ...] = (
    ("Chanyalath", 0.8),
    ("Mittaphone", 0.8),
    ("Luangrath", 1.0),
    ("Sisouvong", 1.5),
    ("Phommachanh", 1.5),
    ("Keovongsa", 1.5),
    ("Inthavong", 1.5),
    ("Vongsay", 1.0),
    ("Sengdara", 1.0),
    ("Phanthavong", 1.0),
    ("Souvannavong", 1.0),
    ("Sayavong", 1.0),
    ("Keomany", 1.0),
    ("Douangchanh", 1.0),
    ("Khounvixay", 0.8),
)

KM_FAMILY: tuple[tuple[str, float], ...] = (
    ("Tea", 1.0),
    ("Nem", 1.0),
    ("Neang", 1.0),
    ("Sok", 3.0),
    ("Chea", 2.5),
    ("Kim", 2.0),
    ("Meas", 1.5),
    ("Vong", 1.5),
    ("Pol", 1.0),
    ("Chhum", 1.0),
    ("Ouk", 1.0),
    ("Prak", 1.0),
    ("Hem", 1.0),
    ("Khieu", 1.0),
    ("Som", 1.0),
)
KM_GIVEN: tuple[str, ...] = _split(
    "Banh|Sowat|Phat|Pisen|Seiha|Sokha|Sophal|Vanna|Rithy|Chanthy|Sovann|Dara|"
    "Bunthoeun|Sambath|Vuthy|Kosal|Sareth|Samnang|Sophara|Kimsan"
)

MY_SYLLABLES: tuple[str, ...] = _split(
    "Aung|Min|Mya|Tun|Oo|Soe|Win|Tin|San|Kyaw|Zaw|Htun|Thein|Naing|Myint|Hla|Maung|"
    "Thant|Zin|Lwin|Nyunt|Than"
)

# -- countries and their defence establishments --------------------------------------------


@dataclass(frozen=True, slots=True)
class OrgSpec:
    """An organization: id, full name, the short form used in prose, kind."""

    id: str
    name: str
    short: str
    kind: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class CountryInfo:
    code: str
    name: str
    adj: str
    slug: str
    style: str
    cities: tuple[str, ...]  # the capital first
    ministry: OrgSpec
    forces: OrgSpec
    navy: OrgSpec | None
    policy: OrgSpec  # the external relations or policy department, part of the ministry
    institute: OrgSpec  # a think tank or defence academy
    institute_in_ministry: bool
    minister_role: str
    deputy_role: str
    chief_role: str
    navy_role: str | None
    policy_role: str
    military_minister: float  # how often the minister is a serving officer
    civil_deputy: bool
    publishers: tuple[str, ...]
    share: float  # share of the people pool


def _org(id_: str, name: str, short: str, kind: str, *aliases: str) -> OrgSpec:
    return OrgSpec(id_, name, short, kind, aliases)


COUNTRIES: tuple[CountryInfo, ...] = (
    CountryInfo(
        "VN",
        "Vietnam",
        "Vietnamese",
        "vietnam",
        "vi",
        ("Hanoi", "Ho Chi Minh City", "Da Nang", "Hai Phong", "Nha Trang", "Cam Ranh", "Hue"),
        _org(
            "vietnam-mnd",
            "Ministry of National Defence of Vietnam",
            "Ministry of National Defence",
            "ministry",
            "MND",
        ),
        _org(
            "vietnam-peoples-army",
            "Vietnam People's Army",
            "Vietnam People's Army",
            "armed-forces",
            "VPA",
        ),
        _org("vietnam-peoples-navy", "Vietnam People's Navy", "Vietnam People's Navy", "navy"),
        _org(
            "vietnam-foreign-relations-department",
            "Foreign Relations Department of the Vietnamese Ministry of National Defence",
            "Foreign Relations Department",
            "department",
        ),
        _org(
            "vietnam-institute-for-defence-strategy",
            "Institute for Defence Strategy",
            "Institute for Defence Strategy",
            "institute",
        ),
        True,
        "Minister of National Defence",
        "Deputy Minister of National Defence",
        "Chief of the General Staff of the Vietnam People's Army",
        "Commander of the Vietnam People's Navy",
        "Director of the Foreign Relations Department",
        1.0,
        False,
        ("Vietnam News Agency", "People's Army Newspaper", "Ministry of National Defence news"),
        0.28,
    ),
    CountryInfo(
        "TH",
        "Thailand",
        "Thai",
        "thailand",
        "th",
        ("Bangkok", "Chiang Mai", "Pattaya", "Sattahip", "Hua Hin", "Phuket"),
        _org("thailand-mod", "Ministry of Defence of Thailand", "Ministry of Defence", "ministry"),
        _org(
            "royal-thai-armed-forces",
            "Royal Thai Armed Forces",
            "Royal Thai Armed Forces",
            "armed-forces",
            "RTARF",
        ),
        _org("royal-thai-navy", "Royal Thai Navy", "Royal Thai Navy", "navy"),
        _org(
            "thailand-defence-policy-office",
            "Office of Policy and Planning of the Thai Ministry of Defence",
            "Office of Policy and Planning",
            "office",
        ),
        _org(
            "thailand-defence-studies-institute",
            "National Defence Studies Institute of Thailand",
            "National Defence Studies Institute",
            "institute",
        ),
        True,
        "Minister of Defence",
        "Permanent Secretary for Defence",
        "Chief of Defence Forces",
        "Commander-in-Chief of the Royal Thai Navy",
        "Director of the Office of Policy and Planning",
        0.6,
        False,
        ("Bangkok Post", "The Nation Thailand", "Thai PBS World"),
        0.08,
    ),
    CountryInfo(
        "MY",
        "Malaysia",
        "Malaysian",
        "malaysia",
        "ms",
        ("Kuala Lumpur", "Putrajaya", "Langkawi", "Kota Kinabalu", "Penang", "Lumut"),
        _org("malaysia-mod", "Ministry of Defence of Malaysia", "Ministry of Defence", "ministry"),
        _org(
            "malaysian-armed-forces",
            "Malaysian Armed Forces",
            "Malaysian Armed Forces",
            "armed-forces",
            "MAF",
        ),
        _org("royal-malaysian-navy", "Royal Malaysian Navy", "Royal Malaysian Navy", "navy"),
        _org(
            "malaysia-defence-policy-division",
            "Defence Policy Division of the Malaysian Ministry of Defence",
            "Defence Policy Division",
            "division",
        ),
        _org(
            "malaysian-institute-of-defence-and-security",
            "Malaysian Institute of Defence and Security",
            "Malaysian Institute of Defence and Security",
            "institute",
            "MiDAS",
        ),
        True,
        "Minister of Defence",
        "Secretary-General of the Ministry of Defence",
        "Chief of Defence Force",
        "Chief of the Royal Malaysian Navy",
        "Undersecretary of the Defence Policy Division",
        0.0,
        True,
        ("Bernama", "The Star", "New Straits Times"),
        0.08,
    ),
    CountryInfo(
        "ID",
        "Indonesia",
        "Indonesian",
        "indonesia",
        "id",
        ("Jakarta", "Bali", "Surabaya", "Bandung", "Batam", "Makassar"),
        _org(
            "indonesia-mod", "Ministry of Defence of Indonesia", "Ministry of Defence", "ministry"
        ),
        _org(
            "indonesian-national-armed-forces",
            "Indonesian National Armed Forces",
            "Indonesian National Armed Forces",
            "armed-forces",
            "TNI",
        ),
        _org("indonesian-navy", "Indonesian Navy", "Indonesian Navy", "navy"),
        _org(
            "indonesia-directorate-general-of-defence-strategy",
            "Directorate General of Defence Strategy of the Indonesian Ministry of Defence",
            "Directorate General of Defence Strategy",
            "directorate",
        ),
        _org(
            "indonesia-defense-university",
            "Indonesia Defense University",
            "Indonesia Defense University",
            "university",
        ),
        True,
        "Minister of Defence",
        "Vice Minister of Defence",
        "Commander of the Indonesian National Armed Forces",
        "Chief of Staff of the Indonesian Navy",
        "Director General of Defence Strategy",
        0.5,
        False,
        ("Antara", "The Jakarta Post", "Tempo English"),
        0.08,
    ),
    CountryInfo(
        "JP",
        "Japan",
        "Japanese",
        "japan",
        "ja",
        ("Tokyo", "Yokosuka", "Osaka", "Kyoto", "Naha", "Sasebo"),
        _org("japan-mod", "Ministry of Defense of Japan", "Ministry of Defense", "ministry"),
        _org(
            "japan-self-defense-forces",
            "Japan Self-Defense Forces",
            "Japan Self-Defense Forces",
            "armed-forces",
            "JSDF",
        ),
        _org(
            "japan-maritime-self-defense-force",
            "Japan Maritime Self-Defense Force",
            "Maritime Self-Defense Force",
            "navy",
            "JMSDF",
        ),
        _org(
            "japan-bureau-of-defense-policy",
            "Bureau of Defense Policy of the Japanese Ministry of Defense",
            "Bureau of Defense Policy",
            "bureau",
        ),
        _org(
            "japan-national-institute-for-defense-studies",
            "National Institute for Defense Studies",
            "National Institute for Defense Studies",
            "institute",
            "NIDS",
        ),
        True,
        "Minister of Defense",
        "Vice-Minister of Defense for International Affairs",
        "Chief of Staff, Joint Staff",
        "Chief of Staff of the Maritime Self-Defense Force",
        "Director General of the Bureau of Defense Policy",
        0.0,
        True,
        ("Kyodo News", "The Japan Times", "NHK World"),
        0.08,
    ),
    CountryInfo(
        "LA",
        "Laos",
        "Lao",
        "laos",
        "lo",
        ("Vientiane", "Luang Prabang", "Savannakhet", "Pakse"),
        _org(
            "laos-mnd",
            "Ministry of National Defence of Laos",
            "Ministry of National Defence",
            "ministry",
        ),
        _org("lao-peoples-army", "Lao People's Army", "Lao People's Army", "armed-forces", "LPA"),
        None,
        _org(
            "laos-foreign-relations-department",
            "Foreign Relations Department of the Lao Ministry of National Defence",
            "Foreign Relations Department",
            "department",
        ),
        _org(
            "lao-national-defence-academy",
            "Lao National Defence Academy",
            "National Defence Academy",
            "academy",
        ),
        True,
        "Minister of National Defence",
        "Deputy Minister of National Defence",
        "Chief of the General Staff of the Lao People's Army",
        None,
        "Director of the Foreign Relations Department",
        1.0,
        False,
        ("Vientiane Times", "Lao News Agency"),
        0.05,
    ),
    CountryInfo(
        "KH",
        "Cambodia",
        "Cambodian",
        "cambodia",
        "km",
        ("Phnom Penh", "Siem Reap", "Sihanoukville", "Battambang"),
        _org(
            "cambodia-mnd",
            "Ministry of National Defence of Cambodia",
            "Ministry of National Defence",
            "ministry",
        ),
        _org(
            "royal-cambodian-armed-forces",
            "Royal Cambodian Armed Forces",
            "Royal Cambodian Armed Forces",
            "armed-forces",
            "RCAF",
        ),
        _org("royal-cambodian-navy", "Royal Cambodian Navy", "Royal Cambodian Navy", "navy"),
        _org(
            "cambodia-gdpfa",
            "General Department of Policy and Foreign Affairs of Cambodia",
            "General Department of Policy and Foreign Affairs",
            "department",
        ),
        _org(
            "cambodian-institute-for-cooperation-and-peace",
            "Cambodian Institute for Cooperation and Peace",
            "Cambodian Institute for Cooperation and Peace",
            "think-tank",
            "CICP",
        ),
        False,
        "Minister of National Defence",
        "Secretary of State for Defence",
        "Commander-in-Chief of the Royal Cambodian Armed Forces",
        "Commander of the Royal Cambodian Navy",
        "Director General of Policy and Foreign Affairs",
        1.0,
        False,
        ("Khmer Times", "Agence Kampuchea Presse"),
        0.05,
    ),
    CountryInfo(
        "PH",
        "the Philippines",
        "Philippine",
        "philippines",
        "ph",
        ("Manila", "Cebu", "Subic Bay", "Davao", "Clark"),
        _org(
            "philippines-dnd",
            "Department of National Defense of the Philippines",
            "Department of National Defense",
            "ministry",
            "DND",
        ),
        _org(
            "armed-forces-of-the-philippines",
            "Armed Forces of the Philippines",
            "Armed Forces of the Philippines",
            "armed-forces",
            "AFP",
        ),
        _org("philippine-navy", "Philippine Navy", "Philippine Navy", "navy"),
        _org(
            "philippines-office-for-strategic-studies",
            "Office for Strategic Studies and Strategy Management",
            "Office for Strategic Studies",
            "office",
        ),
        _org(
            "national-defense-college-of-the-philippines",
            "National Defense College of the Philippines",
            "National Defense College",
            "college",
        ),
        True,
        "Secretary of National Defense",
        "Undersecretary of National Defense",
        "Chief of Staff of the Armed Forces of the Philippines",
        "Flag Officer in Command of the Philippine Navy",
        "Director of the Office for Strategic Studies",
        0.3,
        True,
        ("Philippine News Agency", "Philippine Daily Inquirer"),
        0.05,
    ),
    CountryInfo(
        "SG",
        "Singapore",
        "Singaporean",
        "singapore",
        "sg",
        ("Singapore", "Changi"),
        _org(
            "singapore-mindef", "Ministry of Defence of Singapore", "MINDEF", "ministry", "MINDEF"
        ),
        _org(
            "singapore-armed-forces",
            "Singapore Armed Forces",
            "Singapore Armed Forces",
            "armed-forces",
            "SAF",
        ),
        _org("republic-of-singapore-navy", "Republic of Singapore Navy", "Singapore Navy", "navy"),
        _org(
            "singapore-defence-policy-office",
            "Defence Policy Office of the Singapore Ministry of Defence",
            "Defence Policy Office",
            "office",
        ),
        _org(
            "rsis",
            "S. Rajaratnam School of International Studies",
            "S. Rajaratnam School of International Studies",
            "think-tank",
            "RSIS",
        ),
        False,
        "Minister for Defence",
        "Permanent Secretary (Defence)",
        "Chief of Defence Force",
        "Chief of Navy",
        "Director of the Defence Policy Office",
        0.0,
        True,
        ("The Straits Times", "CNA", "MINDEF news"),
        0.04,
    ),
    CountryInfo(
        "BN",
        "Brunei",
        "Bruneian",
        "brunei",
        "bn",
        ("Bandar Seri Begawan", "Muara"),
        _org("brunei-mindef", "Ministry of Defence of Brunei", "Ministry of Defence", "ministry"),
        _org(
            "royal-brunei-armed-forces",
            "Royal Brunei Armed Forces",
            "Royal Brunei Armed Forces",
            "armed-forces",
            "RBAF",
        ),
        _org("royal-brunei-navy", "Royal Brunei Navy", "Royal Brunei Navy", "navy"),
        _org(
            "brunei-directorate-of-defence-policy",
            "Directorate of Defence Policy of Brunei",
            "Directorate of Defence Policy",
            "directorate",
        ),
        _org(
            "brunei-institute-of-defence-and-strategic-studies",
            "Sultan Haji Hassanal Bolkiah Institute of Defence and Strategic Studies",
            "Institute of Defence and Strategic Studies",
            "institute",
        ),
        True,
        "Minister of Defence II",
        "Permanent Secretary of the Ministry of Defence",
        "Commander of the Royal Brunei Armed Forces",
        "Commander of the Royal Brunei Navy",
        "Director of Defence Policy",
        0.2,
        True,
        ("Borneo Bulletin", "Radio Television Brunei"),
        0.02,
    ),
    CountryInfo(
        "MM",
        "Myanmar",
        "Myanmar",
        "myanmar",
        "my",
        ("Naypyidaw", "Yangon", "Mandalay"),
        _org("myanmar-mod", "Ministry of Defence of Myanmar", "Ministry of Defence", "ministry"),
        _org(
            "tatmadaw", "Myanmar Armed Forces", "Myanmar Armed Forces", "armed-forces", "Tatmadaw"
        ),
        _org("myanmar-navy", "Myanmar Navy", "Myanmar Navy", "navy"),
        _org(
            "myanmar-office-of-strategic-studies",
            "Office of Strategic Studies of the Myanmar Ministry of Defence",
            "Office of Strategic Studies",
            "office",
        ),
        _org(
            "myanmar-national-defence-college",
            "National Defence College of Myanmar",
            "National Defence College",
            "college",
        ),
        True,
        "Union Minister for Defence",
        "Deputy Minister of Defence",
        "Commander-in-Chief of Defence Services",
        "Commander-in-Chief (Navy)",
        "Director of the Office of Strategic Studies",
        1.0,
        False,
        ("Global New Light of Myanmar", "Myanmar News Agency"),
        0.02,
    ),
    CountryInfo(
        "AU",
        "Australia",
        "Australian",
        "australia",
        "en",
        ("Canberra", "Sydney", "Darwin", "Perth", "Brisbane"),
        _org(
            "australia-dod",
            "Department of Defence of Australia",
            "Department of Defence",
            "ministry",
        ),
        _org(
            "australian-defence-force",
            "Australian Defence Force",
            "Australian Defence Force",
            "armed-forces",
            "ADF",
        ),
        _org("royal-australian-navy", "Royal Australian Navy", "Royal Australian Navy", "navy"),
        _org(
            "australia-international-policy-division",
            "International Policy Division of the Australian Department of Defence",
            "International Policy Division",
            "division",
        ),
        _org(
            "aspi",
            "Australian Strategic Policy Institute",
            "Australian Strategic Policy Institute",
            "think-tank",
            "ASPI",
        ),
        False,
        "Minister for Defence",
        "Secretary of the Department of Defence",
        "Chief of the Defence Force",
        "Chief of Navy",
        "Deputy Secretary for Strategy, Policy and Industry",
        0.0,
        True,
        ("ABC News", "The Canberra Times", "Defence news"),
        0.05,
    ),
    CountryInfo(
        "US",
        "the United States",
        "U.S.",
        "united-states",
        "en",
        ("Washington", "Honolulu", "San Diego", "Norfolk"),
        _org(
            "us-dod",
            "United States Department of Defense",
            "Department of Defense",
            "ministry",
            "DoD",
        ),
        _org(
            "us-indo-pacific-command",
            "United States Indo-Pacific Command",
            "Indo-Pacific Command",
            "command",
            "INDOPACOM",
        ),
        _org("us-pacific-fleet", "United States Pacific Fleet", "Pacific Fleet", "navy"),
        _org(
            "us-office-of-the-under-secretary-for-policy",
            "Office of the Under Secretary of Defense for Policy",
            "Office of the Under Secretary for Policy",
            "office",
        ),
        _org(
            "csis",
            "Center for Strategic and International Studies",
            "Center for Strategic and International Studies",
            "think-tank",
            "CSIS",
        ),
        False,
        "Secretary of Defense",
        "Deputy Secretary of Defense",
        "Commander of U.S. Indo-Pacific Command",
        "Commander of the U.S. Pacific Fleet",
        "Deputy Assistant Secretary of Defense for South and Southeast Asia",
        0.1,
        True,
        ("DoD News", "Defense One", "Stars and Stripes"),
        0.06,
    ),
    CountryInfo(
        "GB",
        "the United Kingdom",
        "British",
        "united-kingdom",
        "en",
        ("London", "Portsmouth", "Plymouth"),
        _org(
            "uk-mod", "Ministry of Defence of the United Kingdom", "Ministry of Defence", "ministry"
        ),
        _org(
            "british-armed-forces",
            "British Armed Forces",
            "British Armed Forces",
            "armed-forces",
        ),
        _org("royal-navy", "Royal Navy", "Royal Navy", "navy"),
        _org(
            "uk-defence-engagement-directorate",
            "Defence Engagement Directorate of the UK Ministry of Defence",
            "Defence Engagement Directorate",
            "directorate",
        ),
        _org(
            "iiss",
            "International Institute for Strategic Studies",
            "International Institute for Strategic Studies",
            "think-tank",
            "IISS",
        ),
        False,
        "Secretary of State for Defence",
        "Minister for the Armed Forces",
        "Chief of the Defence Staff",
        "First Sea Lord",
        "Director of Defence Engagement",
        0.0,
        True,
        ("BBC News", "UK Defence Journal", "Forces News"),
        0.04,
    ),
    CountryInfo(
        "NZ",
        "New Zealand",
        "New Zealand",
        "new-zealand",
        "en",
        ("Wellington", "Auckland", "Devonport"),
        _org("nz-mod", "Ministry of Defence of New Zealand", "Ministry of Defence", "ministry"),
        _org(
            "new-zealand-defence-force",
            "New Zealand Defence Force",
            "New Zealand Defence Force",
            "armed-forces",
            "NZDF",
        ),
        _org("royal-new-zealand-navy", "Royal New Zealand Navy", "Royal New Zealand Navy", "navy"),
        _org(
            "nz-international-defence-relations",
            "International Defence Relations Branch of the New Zealand Ministry of Defence",
            "International Defence Relations Branch",
            "branch",
        ),
        _org(
            "nz-centre-for-strategic-studies",
            "Centre for Strategic Studies, Victoria University of Wellington",
            "Centre for Strategic Studies",
            "think-tank",
        ),
        False,
        "Minister of Defence",
        "Secretary of Defence",
        "Chief of Defence Force",
        "Chief of Navy",
        "Head of International Defence Relations",
        0.0,
        True,
        ("RNZ", "New Zealand Herald"),
        0.02,
    ),
)

# The ASEAN chair of each year, which hosts the ADMM and the ADMM-Plus.
ASEAN_CHAIR: dict[int, str] = {
    2005: "MY", 2006: "PH", 2007: "SG", 2008: "TH", 2009: "TH", 2010: "VN", 2011: "ID",
    2012: "KH", 2013: "BN", 2014: "MM", 2015: "MY", 2016: "LA", 2017: "PH", 2018: "SG",
    2019: "TH", 2020: "VN", 2021: "BN", 2022: "KH", 2023: "ID", 2024: "LA", 2025: "MY",
    2026: "PH",
}  # fmt: skip

# Regional and international organizations: (spec, part_of id or None).
REGIONAL_ORGS: tuple[tuple[OrgSpec, str | None], ...] = (
    (_org("asean", "Association of Southeast Asian Nations", "ASEAN", "bloc", "ASEAN"), None),
    (
        _org("admm", "ASEAN Defence Ministers' Meeting", "ADMM", "forum", "ADMM"),
        "asean",
    ),
    (
        _org(
            "admm-plus",
            "ASEAN Defence Ministers' Meeting-Plus",
            "ADMM-Plus",
            "forum",
            "ADMM+",
            "ADMM-Plus",
        ),
        "admm",
    ),
    (
        _org("adsom", "ASEAN Defence Senior Officials' Meeting", "ADSOM", "forum", "ADSOM"),
        "admm",
    ),
    (
        _org("acdfm", "ASEAN Chiefs of Defence Forces Meeting", "ACDFM", "forum", "ACDFM"),
        "asean",
    ),
    (_org("arf", "ASEAN Regional Forum", "ARF", "forum", "ARF"), "asean"),
    (
        _org(
            "apcn",
            "ASEAN Peacekeeping Centres Network",
            "ASEAN Peacekeeping Centres Network",
            "network",
            "APCN",
        ),
        "admm",
    ),
    (
        _org(
            "japan-asean-dvmf",
            "Japan-ASEAN Defence Vice-Ministerial Forum",
            "Japan-ASEAN Defence Vice-Ministerial Forum",
            "forum",
        ),
        None,
    ),
    (
        _org(
            "jasmine",
            "Japan-ASEAN Ministerial Initiative for Enhanced Defence Cooperation",
            "JASMINE initiative",
            "initiative",
            "JASMINE",
        ),
        None,
    ),
    (_org("united-nations", "United Nations", "United Nations", "organization", "UN"), None),
    (
        _org(
            "un-department-of-peace-operations",
            "United Nations Department of Peace Operations",
            "UN Department of Peace Operations",
            "office",
            "DPO",
        ),
        "united-nations",
    ),
    (
        _org(
            "diplomatic-academy-of-vietnam",
            "Diplomatic Academy of Vietnam",
            "Diplomatic Academy of Vietnam",
            "academy",
            "DAV",
        ),
        None,
    ),
    (
        _org(
            "cscap",
            "Council for Security Cooperation in the Asia Pacific",
            "CSCAP",
            "network",
            "CSCAP",
        ),
        None,
    ),
)

# ADMM-Plus Experts' Working Groups: (id suffix, subject, area slug).
EWGS: tuple[tuple[str, str, str], ...] = (
    ("maritime-security", "Maritime Security", "maritime-security"),
    ("counter-terrorism", "Counter-Terrorism", "counter-terrorism"),
    ("hadr", "Humanitarian Assistance and Disaster Relief", "hadr"),
    ("peacekeeping", "Peacekeeping Operations", "peacekeeping"),
    ("military-medicine", "Military Medicine", "military-medicine"),
    ("mine-action", "Humanitarian Mine Action", "demining"),
    ("cyber-security", "Cyber Security", "cyber-security"),
)

# -- ranks ------------------------------------------------------------------------------------

VI_ARMY_RANKS = (
    "Colonel", "Senior Colonel", "Major General", "Lieutenant General",
    "Senior Lieutenant General", "General",
)  # fmt: skip
ARMY_RANKS = ("Colonel", "Brigadier General", "Major General", "Lieutenant General", "General")
NAVY_RANKS = ("Captain", "Rear Admiral", "Vice Admiral", "Admiral")

# -- topics -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Topic:
    slug: str
    label: str  # as written in prose
    sentences: tuple[str, ...]
    proposals: tuple[tuple[str, str], ...]  # (id stem, title template with {A} and {B})


TOPICS: tuple[Topic, ...] = (
    Topic(
        "maritime-security",
        "maritime security",
        (
            "Maritime security, including the safety of sea lanes and of fishermen, was a "
            "central topic of the talks.",
            "The two navies agreed to step up information sharing and coordinated patrols to "
            "strengthen maritime security in shared waters.",
            "{X} said cooperation between naval forces and coast guards was essential to "
            "maritime security and to freedom of navigation and overflight.",
            "Both sides noted that port calls, joint training at sea and the exchange of "
            "liaison officers had built confidence between the two navies.",
            "Officials said maritime security cooperation should cover search and rescue, "
            "the fight against piracy and illegal fishing, and the protection of the marine "
            "environment.",
        ),
        (
            ("naval-hotline", "Set up a direct hotline between the navies of {A} and {B}"),
            ("coordinated-patrols", "Conduct coordinated maritime patrols between {A} and {B}"),
            ("port-calls", "Hold regular naval port calls between {A} and {B}"),
            (
                "coast-guard-exchange",
                "Exchange liaison officers between the coast guards of {A} and {B}",
            ),
        ),
    ),
    Topic(
        "hadr",
        "humanitarian assistance and disaster relief",
        (
            "Humanitarian assistance and disaster relief remains an area where the armed "
            "forces of both countries have much to learn from each other.",
            "After typhoons and floods struck the region, the two militaries were among the "
            "first to deliver relief supplies, {Y} recalled.",
            "{X} proposed sharing experience in humanitarian assistance and disaster relief, "
            "including the use of military aircraft and field hospitals.",
            "The delegates agreed that disaster relief drills should involve civilian agencies "
            "as well as the armed forces.",
        ),
        (
            ("hadr-exercise", "Hold a joint {Ab}-{Bb} disaster relief exercise"),
            (
                "hadr-procedures",
                "Draw up standard procedures for military disaster relief between {A} and {B}",
            ),
            ("hadr-stockpiles", "Share experience on prepositioning disaster relief supplies"),
        ),
    ),
    Topic(
        "peacekeeping",
        "UN peacekeeping",
        (
            "{X} briefed the guests on {Aposs} participation in UN peacekeeping operations, "
            "including field hospitals and engineering units.",
            "Training for UN peacekeeping, from English-language courses to staff officer "
            "courses, was identified as a promising field of cooperation.",
            "Both sides praised the professionalism of peacekeepers deployed to UN missions in "
            "Africa and agreed to share lessons learned.",
            "{Y} offered places at {Bposs} peacekeeping training centre for officers preparing "
            "for UN peacekeeping missions.",
        ),
        (
            (
                "peacekeeper-training",
                "Train {Aadj} officers for UN peacekeeping missions with {Bposs} support",
            ),
            ("peacekeeping-centres", "Link the peacekeeping training centres of {A} and {B}"),
            (
                "peacekeeping-engineers",
                "Study a joint {Ab}-{Bb} engineering contribution to UN peacekeeping",
            ),
        ),
    ),
    Topic(
        "cyber-security",
        "cyber security",
        (
            "Cyber security was described as a new but fast-growing area of defence cooperation.",
            "{X} said that cyber attacks on military networks and critical infrastructure "
            "were a shared concern that called for closer cooperation.",
            "The two sides agreed to exchange experience in training cyber security "
            "specialists and in protecting military information systems.",
        ),
        (
            (
                "cyber-mou",
                "Sign a memorandum of understanding on cyber security between {A} and {B}",
            ),
            (
                "cyber-contacts",
                "Set up points of contact for military cyber incidents between {A} and {B}",
            ),
        ),
    ),
    Topic(
        "demining",
        "demining",
        (
            "Demining and the clearance of unexploded ordnance left over from past wars remain "
            "a heavy task, {X} said.",
            "{Y} praised the work of demining teams and offered equipment and training for "
            "the clearance of bombs and mines.",
            "Humanitarian mine action, the delegates agreed, saves lives and frees land for "
            "farming and development.",
        ),
        (
            (
                "uxo-clearance",
                "Cooperate on demining and the clearance of unexploded ordnance in {A}",
            ),
            ("deminer-training", "Train deminers from {A} and {B} together"),
        ),
    ),
    Topic(
        "war-legacy",
        "war legacy",
        (
            "The search for and repatriation of the remains of soldiers who fell in past wars "
            "was discussed as a humanitarian priority.",
            "{X} thanked {B} for its help in overcoming the consequences of war, including "
            "dioxin remediation and the search for missing soldiers.",
            "Both sides agreed that cooperation on war legacy issues had built trust between "
            "former adversaries.",
        ),
        (
            ("mia-search", "Search for and repatriate the remains of soldiers missing in action"),
            (
                "war-legacy-records",
                "Exchange archives and records on soldiers missing from past wars",
            ),
        ),
    ),
    Topic(
        "military-medicine",
        "military medicine",
        (
            "Military medicine, and the role of the armed forces in pandemic response, was "
            "discussed at length.",
            "{Y} proposed exchanges between military hospitals and joint training for field "
            "medical teams.",
            "The two sides agreed to share experience from the pandemic, when military medical "
            "staff supported civilian hospitals.",
        ),
        (
            ("medical-teams", "Exchange military medical teams between {A} and {B}"),
            ("field-hospital-training", "Train field hospital staff of {A} and {B} together"),
        ),
    ),
    Topic(
        "defence-industry",
        "defence industry",
        (
            "Defence industry cooperation, including technology transfer and joint research, "
            "was raised by both delegations.",
            "{X} said that {A} wanted to build a self-reliant defence industry and welcomed "
            "partners willing to share technology.",
            "The two sides discussed cooperation in shipbuilding, maintenance and the "
            "production of spare parts.",
        ),
        (
            (
                "defence-industry-agreement",
                "Sign an agreement on defence industry cooperation between {A} and {B}",
            ),
            (
                "ship-repair",
                "Explore cooperation between {A} and {B} in naval shipbuilding and repair",
            ),
        ),
    ),
    Topic(
        "training",
        "training and education",
        (
            "Training and education of officers remains a cornerstone of the relationship, "
            "with dozens of officers studying in each other's academies.",
            "{X} proposed more places for young officers at the military academies of {B}.",
            "Language training, staff courses and exchanges of cadets were singled out as the "
            "foundation for long-term cooperation.",
        ),
        (
            ("cadet-exchange", "Exchange cadets and young officers between {A} and {B}"),
            ("language-training", "Expand language training for {Aadj} officers in {B}"),
            ("staff-college-places", "Offer places at {Bposs} staff college to {Aadj} officers"),
        ),
    ),
    Topic(
        "counter-terrorism",
        "counter-terrorism",
        (
            "Counter-terrorism and the fight against transnational crime were raised as shared "
            "priorities.",
            "{Y} said that information sharing was the most effective tool against terrorism "
            "and violent extremism.",
        ),
        (
            (
                "counter-terrorism-information",
                "Share information on terrorism and transnational crime between {A} and {B}",
            ),
        ),
    ),
    Topic(
        "search-and-rescue",
        "search and rescue",
        (
            "Search and rescue at sea was discussed in the light of recent accidents involving "
            "fishing boats.",
            "{X} proposed joint search and rescue drills and the exchange of rescue "
            "coordination contacts.",
        ),
        (("sar-coordination", "Coordinate search and rescue at sea between {A} and {B}"),),
    ),
    Topic(
        "border-management",
        "border management",
        (
            "Border management and the fight against smuggling along the shared border were "
            "reviewed.",
            "{Y} praised the border guards of both countries for keeping the border peaceful "
            "and stable.",
        ),
        (("twinned-border-posts", "Twin border posts along the {Ab}-{Bb} border"),),
    ),
    Topic(
        "climate-security",
        "climate security",
        (
            "Climate security, from rising sea levels to extreme weather, was described as a "
            "growing burden on the armed forces.",
            "{X} said the armed forces were increasingly called on to respond to the effects "
            "of climate change.",
        ),
        (
            (
                "climate-study",
                "Study the impact of climate change on the armed forces of {A} and {B}",
            ),
        ),
    ),
    Topic(
        "logistics",
        "logistics",
        (
            "Logistics cooperation, including the supply of fuel and spare parts during "
            "exercises and port calls, was also discussed.",
            "{Y} suggested simplifying procedures for logistics support to visiting ships and "
            "aircraft.",
        ),
        (
            (
                "logistics-arrangement",
                "Sign an arrangement on mutual logistics support between {A} and {B}",
            ),
        ),
    ),
    Topic(
        "information-sharing",
        "information sharing",
        (
            "Information sharing and maritime domain awareness were seen as the basis for any "
            "joint response at sea.",
            "{X} proposed linking the maritime information centres of the two countries.",
        ),
        (
            (
                "maritime-awareness",
                "Share information on maritime domain awareness between {A} and {B}",
            ),
        ),
    ),
)

# -- phrases ----------------------------------------------------------------------------------

RELATIONS: tuple[str, ...] = (
    "Defence cooperation has long been one of the pillars of the relationship between {A} and {B}.",
    "Over the past years, the two defence ministries have kept up regular delegation "
    "exchanges at all levels.",
    "Both sides noted that mutual trust between the two militaries had grown steadily.",
    "The {Aadj} side thanked {B} for its support in training officers and in sharing "
    "experience on {topic}.",
    "{X} said the relationship had reached a level of trust that allowed frank discussion of "
    "sensitive issues.",
    "The two sides agreed that defence ties should continue to support the wider partnership "
    "between the two countries.",
    "Officials described the results of cooperation in {topic} and {topic2} as practical and "
    "effective.",
    "The meeting took place in a friendly and open atmosphere, according to participants.",
    "Delegation exchanges, consultation mechanisms and cooperation between the services have "
    "been maintained and have produced concrete results.",
    "{Y} welcomed the {Aadj} delegation and briefed the guests on the priorities of the "
    "{Badj} armed forces.",
    "{X} expressed appreciation for the warm welcome extended to the {Aadj} delegation in {place}.",
    "The two delegations reviewed the implementation of the agreements reached at earlier "
    "meetings.",
    "Cooperation between border guards, navies and air forces was said to be developing in depth.",
    "Both sides noted that the friendship between the two armies rested on decades of "
    "solidarity and mutual support.",
)
REGION: tuple[str, ...] = (
    "On the regional situation, both sides stressed the importance of maintaining peace, "
    "stability, security and freedom of navigation and overflight in the East Sea.",
    "They called for disputes to be settled by peaceful means in accordance with international "
    "law, including the 1982 United Nations Convention on the Law of the Sea.",
    "{X} reaffirmed support for ASEAN centrality in the evolving regional security architecture.",
    "The two sides agreed to keep consulting and supporting each other at multilateral forums "
    "such as the ADMM and the ADMM-Plus.",
    "Non-traditional security challenges, including natural disasters, epidemics, terrorism "
    "and transnational crime, were described as growing concerns for the region.",
    "Both delegations expressed concern about unilateral actions that could raise tensions at sea.",
    "They welcomed progress towards an effective and substantive Code of Conduct in the East Sea.",
    "Strategic competition among major powers, the delegates said, made practical cooperation "
    "among regional states more important.",
    "Climate change, rising sea levels and extreme weather were cited as threats that no "
    "country could face alone.",
    "{Y} said that {B} supported a rules-based order in which the rights of all states, large "
    "and small, are respected.",
    "The situation in the South China Sea, known in Vietnam as the East Sea, remained a subject "
    "of close attention.",
)
ANALYSIS: tuple[str, ...] = (
    "Analysts see the talks as part of a broader effort by {A} to diversify its defence "
    "partnerships.",
    "While specific commitments were not detailed, the tone of the meeting suggested a "
    "willingness to move from statements to practical projects.",
    "Observers note that funding, timelines and resource allocation often decide whether "
    "such plans are carried out.",
    "If sustained, this approach could help both countries respond faster to crises in the region.",
    "The practical implementation of the agreed measures remains to be seen, and much will "
    "depend on follow-up at the working level.",
    "Regional diplomats say mechanisms of this kind are valued less for headline agreements "
    "than for the habits of consultation they build.",
    "For {B}, the meeting offered a chance to show that it remains an active partner in "
    "Southeast Asia.",
    "Such exchanges, one official said, matter most when they continue in difficult years as "
    "well as in good ones.",
    "The agenda reflected a shift from symbolic gestures towards cooperation in {topic} and "
    "{topic2}.",
    "Some experts caution that the growing number of dialogues may stretch the small "
    "international departments of regional defence ministries.",
)
CLOSING: tuple[str, ...] = (
    "On this occasion, the two sides signed the minutes of the meeting.",
    "{Y} accepted an invitation to visit {A} at a convenient time.",
    "The {Aadj} delegation later visited units of the {Badj} armed forces and a training "
    "centre in {place}.",
    "After the talks, the two heads of delegation met the press and answered questions on {topic}.",
    "The delegation also laid a wreath at a memorial and met officers studying in {place}.",
    "Both sides expressed confidence that defence cooperation would continue to deepen in the "
    "years ahead.",
)
HEADINGS: tuple[str, ...] = _split(
    "A Shared Vision for Regional Stability|Building Trust|Practical Cooperation|"
    "Looking Ahead|Regional Outlook|Cooperation at Sea|People and Training|"
    "Beyond the Talks|Next Steps|Unfinished Business"
)
QUOTES: tuple[str, ...] = _split(
    "Defence cooperation is one of the pillars of our relationship|"
    "We want cooperation that is practical, effective and of benefit to both sides|"
    "Peace and stability at sea are in the interest of every country in the region|"
    "Our two armies have stood together in difficult times|"
    "Dialogue and consultation are the best way to build trust|"
    "We are ready to share our experience and to learn from our partners|"
    "No country can face non-traditional security challenges alone|"
    "The results of this dialogue must be turned into concrete actions"
)
FOLLOW_UPS: tuple[str, ...] = (
    "In a statement released after the meeting, {X} said that the two sides would report on "
    "progress in {topic} at their next meeting.",
    "A working group will meet within three months to prepare the details, according to a "
    "statement by the {ministry}.",
    "Officials later said that the timetable for cooperation in {topic} had been agreed at the "
    "working level.",
    "In remarks to reporters, {X} added that {A} hoped to see results in {topic} before the "
    "end of the year.",
    "An updated plan for cooperation in {topic} and {topic2} was circulated to both "
    "delegations after the talks.",
)

# Dialogue series between two defence establishments: (code, title, level).
SERIES_TYPES: tuple[tuple[str, str, str], ...] = (
    ("dpd", "Defence Policy Dialogue", "deputy"),
    ("sdd", "Strategic Defence Dialogue", "deputy"),
    ("navy-talks", "Navy-to-Navy Staff Talks", "navy"),
    ("staff-talks", "Military Staff Talks", "chief"),
    ("jwg", "Joint Working Group on Defence Cooperation", "policy"),
    ("border-exchange", "Border Defence Friendship Exchange", "minister"),
)
# Which pairs hold which series; the first country is listed first in titles.
SERIES_PAIRS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("VN", "TH", ("dpd", "navy-talks", "jwg")),
    ("VN", "MY", ("dpd", "navy-talks")),
    ("VN", "ID", ("dpd", "navy-talks", "staff-talks")),
    ("VN", "JP", ("dpd", "sdd")),
    ("VN", "LA", ("dpd", "border-exchange", "staff-talks")),
    ("VN", "KH", ("dpd", "border-exchange", "navy-talks")),
    ("VN", "PH", ("dpd", "navy-talks")),
    ("VN", "SG", ("dpd", "jwg")),
    ("VN", "BN", ("jwg",)),
    ("VN", "MM", ("jwg",)),
    ("VN", "AU", ("dpd", "jwg")),
    ("VN", "US", ("dpd",)),
    ("VN", "GB", ("sdd",)),
    ("VN", "NZ", ("jwg",)),
    ("MY", "TH", ("dpd", "staff-talks")),
    ("ID", "MY", ("jwg", "navy-talks")),
    ("JP", "ID", ("dpd",)),
    ("JP", "PH", ("dpd",)),
    ("AU", "ID", ("dpd",)),
    ("TH", "KH", ("staff-talks",)),
    ("SG", "AU", ("dpd",)),
    ("JP", "TH", ("dpd",)),
)

# Multilateral meetings held once a year: (code, title, org ids, level, first ordinal year,
# years held, host rule: "chair" for the ASEAN chair or a country code).
SUMMITS: tuple[tuple[str, str, tuple[str, ...], str, int, tuple[int, ...], str], ...] = (
    ("admm", "ASEAN Defence Ministers' Meeting", ("admm", "asean"), "minister", 2006,
     tuple(range(2006, 2027)), "chair"),
    ("admm-plus", "ASEAN Defence Ministers' Meeting-Plus", ("admm-plus", "asean"), "minister",
     2010, (2010, 2013, 2015, *range(2017, 2027)), "chair"),
    ("adsom", "ASEAN Defence Senior Officials' Meeting", ("adsom", "asean"), "deputy", 2006,
     tuple(range(2006, 2027)), "chair"),
    ("acdfm", "ASEAN Chiefs of Defence Forces Meeting", ("acdfm", "asean"), "chief", 2001,
     tuple(range(2005, 2027)), "chair"),
    ("shangri-la-dialogue", "Shangri-La Dialogue", ("iiss",), "minister", 2002,
     tuple(y for y in range(2005, 2027) if y not in (2020, 2021)), "SG"),
    ("japan-asean-dvmf", "Japan-ASEAN Defence Vice-Ministerial Forum",
     ("japan-asean-dvmf", "asean", "japan-mod"), "deputy", 2009,
     tuple(y for y in range(2009, 2027) if y not in (2020, 2021)), "JP"),
)  # fmt: skip
# Exercises: (code, title, host, participating countries, org ids, area, first year, every
# how many years).
EXERCISES: tuple[tuple[str, str, str, tuple[str, ...], tuple[str, ...], str, int, int], ...] = (
    ("cobra-gold", "Cobra Gold", "TH", ("TH", "US", "JP", "ID", "MY", "SG"), (), "hadr", 2005, 1),
    (
        "komodo",
        "Multilateral Naval Exercise Komodo",
        "ID",
        ("ID", "AU", "US", "JP", "VN", "MY"),
        (),
        "maritime-security",
        2014,
        2,
    ),
    (
        "pitch-black",
        "Exercise Pitch Black",
        "AU",
        ("AU", "SG", "TH", "ID", "JP", "MY"),
        (),
        "training",
        2006,
        2,
    ),
    (
        "admm-plus-hadr-exercise",
        "ADMM-Plus Humanitarian Assistance and Disaster Relief and Military Medicine Exercise",
        "chair",
        ("VN", "TH", "MY", "ID", "JP", "AU", "US"),
        ("admm-plus",),
        "hadr",
        2013,
        3,
    ),
    (
        "vietnam-cambodia-joint-naval-patrol",
        "Vietnam-Cambodia Joint Naval Patrol",
        "VN",
        ("VN", "KH"),
        (),
        "maritime-security",
        2005,
        1,
    ),
    (
        "admm-plus-mine-action-exercise",
        "ADMM-Plus Humanitarian Mine Action Field Exercise",
        "chair",
        ("VN", "LA", "KH", "TH", "AU", "US", "JP"),
        ("admm-plus",),
        "demining",
        2016,
        3,
    ),
)
# Track 1.5 conferences: (code, title, organizing org, host, first ordinal year).
CONFERENCES: tuple[tuple[str, str, str, str, int], ...] = (
    ("south-china-sea-conference", "International Conference on the South China Sea",
     "diplomatic-academy-of-vietnam", "VN", 2009),
    ("jakarta-international-defence-dialogue", "Jakarta International Defence Dialogue",
     "indonesia-mod", "ID", 2011),
    ("arf-security-policy-conference", "ASEAN Regional Forum Security Policy Conference",
     "arf", "chair", 2004),
    ("cscap-general-conference", "CSCAP General Conference", "cscap", "chair", 1997),
)  # fmt: skip

MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
TRANSLATORS = ("Tran Hoai", "Nguyen Minh", "Le Thu", "Pham Lan", "Do Quyen", "Bui Trang")
EXERCISE: tuple[str, ...] = (
    "The exercise brought together {n} ships, aircraft and ground units from the participating "
    "countries.",
    "Drills included search and rescue at sea, the evacuation of civilians and the delivery of "
    "relief supplies.",
    "Medical teams from {A} and {B} set up a joint field hospital and treated simulated "
    "casualties.",
    "Observers said the exercise had improved the ability of the participating forces to work "
    "together.",
    "Participants trained in clearing unexploded ordnance, treating casualties and coordinating "
    "air transport.",
    "The closing ceremony was held at a base near {place}.",
    "Engineers built temporary bridges and cleared debris in a scenario simulating a major "
    "earthquake.",
    "Ships from the participating navies practised communications, manoeuvres and boarding drills.",
    "This year's edition focused on {topic}, according to the organisers.",
    "{X} said the exercise was a chance to test procedures for {topic} agreed at earlier meetings.",
    "Liaison officers from {A} worked in the combined headquarters for the first time.",
)
CONFERENCE: tuple[str, ...] = (
    "Scholars and officials debated the state of {topic} in the region and the role of "
    "international law.",
    "Several speakers warned that the rules-based order at sea was under strain.",
    "Panels examined {topic}, {topic2} and the future of ASEAN-led mechanisms.",
    "{X} said in the keynote address that dialogue among experts helps governments find common "
    "ground.",
    "Participants discussed how middle powers can contribute to stability in the Indo-Pacific.",
    "A session on the East Sea drew the largest audience, with speakers from {A} and {B}.",
    "The organisers said more than {n} participants from {m} countries took part.",
    "{Y} presented research on {topic2} and the lessons of recent crises.",
    "Speakers agreed that track-two meetings help test ideas that governments are not yet "
    "ready to discuss officially.",
)
SIDELINES: tuple[str, ...] = (
    "The two sides reviewed defence cooperation since their last meeting and agreed to keep "
    "up exchanges at all levels.",
    "{Y} congratulated {A} on its contribution to the success of the meeting.",
    "Both sides pledged to support each other at multilateral forums.",
    "{X} and {Y} agreed that cooperation in {topic} should be a priority for the coming year.",
    "{Y} thanked {X} for the support of {A} during {Bposs} term as a coordinator of ASEAN "
    "cooperation.",
)

# A small grammar for the body of an article: subject + verb + clause (+ tail).
SUBJECTS: tuple[str, ...] = _split(
    "Both sides|The two delegations|The two sides|Officials from both countries|Participants|"
    "{X}|{Y}|The {Aadj} side|The {Badj} side|Senior officers of both armies|Delegates"
)
VERBS: tuple[str, ...] = _split(
    "noted that|stressed that|agreed that|underlined that|observed that|said that|"
    "pointed out that|acknowledged that|emphasised that|recalled that"
)
CLAUSES: tuple[str, ...] = _split(
    "mutual trust between the two militaries had grown steadily|"
    "cooperation in {topic} had produced practical results|"
    "regular exchanges at all levels remained the foundation of the relationship|"
    "the two armies should keep up delegation exchanges despite budget pressures|"
    "training cooperation had helped a generation of officers understand each other|"
    "{topic2} deserved more attention in the years ahead|"
    "existing mechanisms should be used more effectively before new ones are created|"
    "young officers should be given more opportunities to study abroad|"
    "defence cooperation must serve peace, stability and development in the region|"
    "the situation at sea remained complex and unpredictable|"
    "the armed forces were increasingly called on to help civilian authorities|"
    "joint training had improved the ability of the two forces to work together|"
    "the results of the previous meeting had been largely implemented|"
    "there was room to expand cooperation in {topic}|"
    "agreements should be turned into concrete projects with clear timelines|"
    "information sharing between the two ministries had become faster and more regular|"
    "the defence industries of the two countries could complement each other|"
    "cooperation between the two navies could become a model for the region|"
    "ASEAN unity and centrality must be preserved|"
    "the pandemic had shown the importance of military medicine|"
    "transnational crime and terrorism threatened every country in the region|"
    "dialogue mechanisms had helped to manage differences|"
    "international law must be respected by all parties|"
    "the defence ministries should coordinate closely at multilateral forums|"
    "cooperation in {topic} should be raised to a new level|"
    "the goals set for {year} were within reach|"
    "small projects delivered on time did more for trust than ambitious plans|"
    "the two countries faced many of the same security challenges|"
    "exchanges between soldiers and veterans strengthened the friendship|"
    "search and rescue at sea required faster communication between the two navies|"
    "the clearance of wartime ordnance would take decades more work|"
    "deployments abroad had given officers valuable experience|"
    "cyber threats to military networks were growing in number and sophistication|"
    "the experience of {B} in {topic} could benefit {A}|"
    "{A} valued the support of {B} in {topic2}|"
    "plans for {year} should include more joint training in {topic}|"
    "exercises in {topic} should be held more often and closer to real conditions|"
    "military academies of the two countries should exchange lecturers and curricula|"
    "the protection of fishermen and of the marine environment was a shared concern|"
    "the two sides should report regularly on the progress of agreed projects"
)
TAILS: tuple[str, ...] = _split(
    "|||, according to a statement issued after the meeting|, officials said|"
    ", according to participants|, a spokesperson later told reporters"
)

# Longer forms, used when the short forms are taken: a second Malay given name, more Lao and
# Khmer names, middle initials for English-style and Philippine names.
MS_SECOND: tuple[str, ...] = _split(
    "Faizal|Hakim|Nizam|Rizal|Azmi|Syafiq|Hafiz|Amir|Firdaus|Shukri|Ridzuan|Zaki|Imran|Hisham"
)
LO_MORE_GIVEN: tuple[str, ...] = _split(
    "Bounkham|Chanthaly|Phetsamone|Saysana|Sithong|Somsack|Souliya|Thongphet|Vanxay|Xaysana|"
    "Khamsing|Bounleuth|Phonesavanh|Sengsouly|Viengkham|Somchit|Outhay"
)
LO_MORE_FAMILY: tuple[str, ...] = _split(
    "Phommavongsa|Siharath|Vongphachanh|Rattanavong|Sipaseuth|Phimmasone|Xayavong|Bouphavanh|"
    "Manivong|Thammavong|Sisoulath|Chanthavong|Keoprasith|Latsavong|Phengsavanh|Vilaysack"
)
KM_MORE_GIVEN: tuple[str, ...] = _split(
    "Chanthou|Sokhom|Pheakdey|Ratha|Monyrath|Sopheap|Sothea|Pisey|Vichet|Bora|Sokun|Leakhena|"
    "Rotha|Veasna|Sitha|Kimhong|Sovannara|Virak|Sreng|Piseth"
)
KM_MORE_FAMILY: tuple[str, ...] = _split("Heng|Ly|Chhay|Sar|Tep|Ung|Keo|Srey|Mao|Nhem")
JA_MORE_FAMILY: tuple[str, ...] = _split(
    "Mori|Ikeda|Hashimoto|Ogawa|Maeda|Hasegawa|Murakami|Ishii|Sakamoto|Aoki|Fujii|Nishimura|"
    "Fukuda|Miura|Takeuchi|Nakajima|Okamoto|Matsuda|Harada|Nakano|Ono|Tamura|Kikuchi|Sugiyama"
)
JA_MORE_GIVEN: tuple[str, ...] = _split(
    "Hiroyuki|Naoki|Satoshi|Takashi|Makoto|Tsuyoshi|Hideki|Masato|Kazuya|Tomohiro|Ryūji|"
    "Kōsuke|Shin'ya|Yoshio|Haruki|Kenta|Hajime|Isamu|Noboru|Tadashi|Yasuo|Atsushi|Eiji|Yūki"
)
INITIALS = "ABCDEFGHJKLMNPRSTW"
