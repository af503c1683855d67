"""Word lists and sentence templates for scripts/gen-corpus, in vi, en, fr, zh and ko.

A tuple of five texts is one thing in TEXT_LANGUAGES order, so a record's translations agree.
Templates name slots that gen-corpus fills per record and language: {Noun} (the record's name,
first mention), {noun} ("the pagoda"), {ward}, {period}, {year}, {feature}…
"""

from __future__ import annotations

from dataclasses import dataclass

TEXT_LANGUAGES = ("vi", "en", "fr", "zh", "ko")
Five = tuple[str, str, str, str, str]

MARK: Five = (
    "*Văn bản sinh tự động cho bộ dữ liệu thử nghiệm, không phải thông tin thật.*",
    "*Generated text for a test catalogue, not real information.*",
    "*Texte généré automatiquement pour un catalogue de test, sans valeur réelle.*",
    "*测试数据集自动生成的文本，并非真实信息。*",
    "*테스트용 카탈로그를 위해 자동 생성된 글이며 실제 정보가 아닙니다.*",
)

# Sino-Vietnamese syllables with their Chinese character and its Korean reading, so one
# name exists in every script ("Phước Hưng" → 福兴 → 복흥).
SYLLABLES: tuple[tuple[str, ...], ...] = tuple(
    tuple(entry.split())
    for entry in """
    An 安 안, Bình 平 평, Bửu 宝 보, Cát 吉 길, Châu 珠 주, Đạo 道 도, Điều 调 조, Định 定 정,
    Đông 东 동, Đức 德 덕, Giác 觉 각, Hải 海 해, Hậu 后 후, Hiệp 协 협, Hòa 和 화, Hội 会 회,
    Hưng 兴 흥, Khánh 庆 경, Kim 金 금, Lâm 林 림, Linh 灵 령, Long 龙 룡, Lộc 禄 록, Lợi 利 리,
    Minh 明 명, Mỹ 美 미, Nghĩa 义 의, Nhơn 仁 인, Phong 丰 풍, Phú 富 부, Phụng 凤 봉,
    Phước 福 복, Quang 光 광, Quới 贵 귀, Sơn 山 산, Tân 新 신, Thạnh 盛 성, Thanh 清 청,
    Thiên 天 천, Thới 泰 태, Thọ 寿 수, Thuận 顺 순, Tịnh 净 정, Tràng 长 장, Trung 中 중,
    Từ 慈 자, Tường 祥 상, Vĩnh 永 영, Xuân 春 춘, Thắng 胜 승, Pháp 法 법, Hoa 华 화,
    Thành 成 성, Nam 南 남, Tây 西 서, Bắc 北 북
    """.split(",")
)
# Korean initial-sound rule: 룡 → 용 at the start of a word.
KO_INITIAL = {"룡": "용", "령": "영", "림": "임", "리": "이", "록": "녹"}


@dataclass(frozen=True)
class RelicKind:
    category: str
    weight: float  # share of relics of this kind
    names: Five  # patterns: {n} Vietnamese name, {a} without diacritics, {z} Chinese, {k} Korean
    noun: Five  # how later sentences name it: "ngôi chùa", "the pagoda"…


# fmt: off
RELIC_KINDS = (
    RelicKind("pagoda", 34, ("Chùa {n}", "{a} Pagoda", "Pagode {n}", "{z}寺", "{k}사"),
              ("ngôi chùa", "the pagoda", "la pagode", "该寺", "이 사찰")),
    RelicKind("communal-house", 24,
              ("Đình {n}", "{a} Communal House", "Maison communale {n}", "{z}亭", "{k}정"),
              ("ngôi đình", "the communal house", "la maison communale", "该亭", "이 딘")),
    RelicKind("temple", 8, ("Miếu {n}", "{a} Shrine", "Sanctuaire {n}", "{z}庙", "{k}묘"),
              ("ngôi miếu", "the shrine", "le sanctuaire", "该庙", "이 사당")),
    RelicKind("temple", 4, ("Đền {n}", "{a} Temple", "Temple {n}", "{z}祠", "{k}사당"),
              ("ngôi đền", "the temple", "le temple", "该祠", "이 사당")),
    RelicKind("church", 6,
              ("Nhà thờ {n}", "{a} Church", "Église de {n}", "{z}天主堂", "{k} 성당"),
              ("nhà thờ", "the church", "l'église", "该教堂", "이 성당")),
    RelicKind("historic-site", 6,
              ("Khu di tích {n}", "{a} Historic Site", "Site historique de {n}", "{z}遗址",
               "{k} 유적지"),
              ("khu di tích", "the site", "le site", "该遗址", "이 유적지")),
    RelicKind("monument", 3,
              ("Tượng đài {n}", "{a} Monument", "Monument de {n}", "{z}纪念碑", "{k} 기념비"),
              ("tượng đài", "the monument", "le monument", "该纪念碑", "이 기념비")),
    RelicKind("monument", 2,
              ("Bia tưởng niệm {n}", "{a} Memorial Stele", "Stèle commémorative de {n}",
               "{z}纪念碑", "{k} 추모비"),
              ("bia tưởng niệm", "the stele", "la stèle", "该碑", "이 비")),
    RelicKind("museum", 1.5,
              ("Nhà lưu niệm {n}", "{a} Memorial House", "Maison-mémorial de {n}", "{z}纪念馆",
               "{k} 기념관"),
              ("nhà lưu niệm", "the house", "la maison", "该馆", "이 기념관")),
    RelicKind("market", 2, ("Chợ {n}", "{a} Market", "Marché de {n}", "{z}市场", "{k} 시장"),
              ("ngôi chợ", "the market", "le marché", "该市场", "이 시장")),
    RelicKind("other", 3,
              ("Nhà cổ {n}", "{a} Old House", "Maison ancienne {n}", "{z}古宅", "{k} 고택"),
              ("ngôi nhà cổ", "the house", "la maison", "该古宅", "이 고택")),
    RelicKind("other", 2, ("Lăng {n}", "{a} Mausoleum", "Mausolée {n}", "{z}陵", "{k}릉"),
              ("khu lăng", "the mausoleum", "le mausolée", "该陵", "이 능")),
)
# Most relics are provincial or not ranked, few national, very few special-national.
DESIGNATIONS = (
    ("provincial", 34), ("none", 30), ("unknown", 23), ("national", 12), ("special-national", 1),
)
STREETS = (
    "Nguyễn Trung Trực", "Lê Lợi", "Hùng Vương", "Trần Hưng Đạo", "Nam Kỳ Khởi Nghĩa", "Ấp Bắc",
    "Lý Thường Kiệt", "Thủ Khoa Huân", "Đinh Bộ Lĩnh", "Quốc lộ 1", "Quốc lộ 50",
    "Đường tỉnh 864", "Đường tỉnh 870", "Lê Văn Phẩm", "Học Lạc",
)
DISTRICTS = (
    "TP. Mỹ Tho", "Huyện Chợ Gạo", "Huyện Cái Bè", "Huyện Cai Lậy", "Thị xã Gò Công",
    "Huyện Châu Thành", "Huyện Tân Phước", "Huyện Gò Công Tây",
)
# fmt: on

SENTENCES: dict[str, tuple[str, ...]] = {
    "vi": (
        "{Noun} tọa lạc tại {ward}, cách trung tâm tỉnh khoảng {km} km.",
        "Theo tư liệu địa phương, {noun} được dựng vào khoảng {period}, ban đầu chỉ là một "
        "công trình nhỏ bằng {old_material}.",
        "Đến năm {year}, người dân trong vùng góp công góp của trùng tu, thay mái lá bằng "
        "mái ngói âm dương.",
        "Kiến trúc {noun} theo kiểu chữ {shape}, gồm {parts}.",
        "Nổi bật nhất là {feature}, được các nghệ nhân địa phương thực hiện tỉ mỉ.",
        "Hằng năm vào tháng {month} âm lịch, nơi đây tổ chức {festival}, thu hút đông đảo "
        "người dân và du khách.",
        "Khuôn viên rộng khoảng {area} m², có nhiều cây cổ thụ như {trees}.",
        "Hiện {noun} còn lưu giữ {count} sắc phong, hoành phi và câu đối có giá trị.",
        "Trong những năm kháng chiến, nơi đây từng là địa điểm hội họp bí mật của cán bộ "
        "cách mạng địa phương.",
        "Ban quản lý di tích phối hợp với chính quyền {ward} thường xuyên tu bổ, giữ gìn "
        "cảnh quan sạch đẹp.",
        "Du khách nên đến vào buổi sáng, khi trời còn mát và nắng chiếu đẹp lên {feature}.",
        "Đường vào {noun} khá thuận tiện, xe ô tô có thể đến tận cổng.",
        "Các bậc cao niên kể rằng {noun} gắn với truyền thuyết về {legend}.",
        "Các hạng mục phụ gồm nhà khách, nhà bếp và một gian trưng bày hiện vật.",
        "Mỗi dịp lễ, Tết, bà con trong {ward} lại về đây thắp hương, cầu mong mưa thuận gió hòa.",
        "Những đường nét chạm khắc trên {woodwork} cho thấy tay nghề cao của thợ mộc Nam Bộ xưa.",
        "Phía trước {noun} là {front}, tạo nên khung cảnh yên bình của miệt vườn sông nước.",
        "Hiện vật quý nhất là {treasure}, có niên đại khoảng {period}.",
        "Việc số hóa tư liệu về {noun} đang được thực hiện, gồm ảnh chụp, bản vẽ và lời kể "
        "của các bậc cao niên.",
        "Năm {year2}, {noun} được tu bổ lần thứ {count} với sự hỗ trợ của ngân sách tỉnh.",
    ),
    "en": (
        "{Noun} stands in {ward}, about {km} km from the provincial centre.",
        "According to local records, {noun} was founded around {period}, first as a small "
        "building of {old_material}.",
        "In {year} the villagers pooled money and labour to restore it, replacing the thatched "
        "roof with curved clay tiles.",
        "The layout follows the shape of the character {shape}, with {parts}.",
        "Its most striking feature is {feature}, made with great care by local craftsmen.",
        "Every year in the {month} lunar month it hosts {festival}, which draws many "
        "residents and visitors.",
        "The grounds cover about {area} m² and are shaded by old trees such as {trees}.",
        "{Noun} still keeps {count} royal decrees, lacquered boards and parallel sentences.",
        "During the wars the place served as a secret meeting point for local revolutionaries.",
        "The site's management board and the authorities of {ward} maintain it regularly.",
        "Come in the morning, when it is still cool and the light falls on {feature}.",
        "The road to {noun} is easy, and cars can drive up to the gate.",
        "Elderly residents tell a legend linking {noun} to {legend}.",
        "Side buildings include a guest house, a kitchen and a small exhibition room.",
        "At every festival and at Tết, families from {ward} come here to burn incense and pray "
        "for good harvests.",
        "The carvings on {woodwork} show the skill of the old southern carpenters.",
        "In front of {noun} lies {front}, a peaceful scene typical of the delta.",
        "Its most precious object is {treasure}, dating from around {period}.",
        "Photographs, drawings and the memories of elderly residents are being digitized.",
        "In {year2} {noun} was restored for the {count_ordinal} time with provincial funds.",
    ),
    "fr": (
        "{Noun} se trouve à {ward}, à environ {km} km du chef-lieu de la province.",
        "Selon les archives locales, {noun} a été fondé(e) vers {period}, d'abord simple "
        "bâtiment en {old_material}.",
        "En {year}, les habitants ont financé sa restauration et remplacé le toit de chaume "
        "par des tuiles.",
        "Le plan suit la forme du caractère {shape}, avec {parts}.",
        "L'élément le plus remarquable est {feature}, réalisé avec soin par des artisans locaux.",
        "Chaque année, au {month} mois lunaire, on y célèbre {festival}.",
        "Le domaine couvre environ {area} m², ombragé par de vieux arbres.",
        "On y conserve encore {count} brevets royaux, panneaux laqués et sentences parallèles.",
        "Pendant les guerres, le lieu a servi de point de rencontre clandestin.",
        "Le comité de gestion et les autorités de {ward} l'entretiennent régulièrement.",
        "Venez le matin, quand il fait encore frais et que la lumière éclaire {feature}.",
        "Les anciens racontent une légende qui relie {noun} à {legend}.",
        "Devant {noun} s'étend {front}, un paysage paisible typique du delta.",
        "Photos, plans et souvenirs des anciens sont en cours de numérisation.",
        "Les sculptures de {woodwork} témoignent du savoir-faire des anciens charpentiers.",
        "Son objet le plus précieux est {treasure}, datant d'environ {period}.",
        "Le domaine est ombragé par {trees}.",
        "La route jusqu'à {noun} est facile et les voitures arrivent jusqu'au portail.",
        "Des bâtiments annexes abritent une maison d'hôtes, une cuisine et une petite salle "
        "d'exposition.",
        "En {year2}, {noun} a été restauré(e) pour la {count}e fois grâce au budget provincial.",
    ),
    "zh": (
        "{Noun}位于{ward}，距省中心约{km}公里。",
        "据地方资料记载，{noun}约建于{period}，最初只是一座{old_material}小屋。",
        "{year}年，当地居民出钱出力重修，以阴阳瓦取代了茅草屋顶。",
        "建筑呈“{shape}”字形布局，包括{parts}。",
        "最引人注目的是{feature}，由当地工匠精心制作。",
        "每年农历{month}月在此举行{festival}，吸引众多居民和游客。",
        "院落面积约{area}平方米，古树参天。",
        "{noun}至今仍保存着{count}道敕封、匾额和对联。",
        "抗战年代，这里曾是地方革命干部秘密集会的地点。",
        "遗迹管理委员会与{ward}政府定期进行修缮维护。",
        "建议上午前来参观，天气凉爽，光线正好照在{feature}上。",
        "当地老人讲述了{noun}与{legend}有关的传说。",
        "附属建筑有客舍、厨房和一间文物陈列室。",
        "{noun}前方是{front}，展现出湄公河三角洲宁静的田园风光。",
        "有关{noun}的照片、图纸和老人的口述资料正在进行数字化。",
        "{woodwork}上的雕刻体现了南部老木匠的精湛技艺。",
        "最珍贵的文物是{treasure}，年代约为{period}。",
        "院内种有{trees}等古树。",
        "通往{noun}的道路十分便利，汽车可直达门口。",
        "每逢节日和春节，{ward}的乡亲都会回到这里上香，祈求风调雨顺。",
        "{year2}年，{noun}在省财政支持下进行了第{count}次修缮。",
    ),
    "ko": (
        "{Noun}은(는) {ward}에 있으며 성 중심에서 약 {km}km 떨어져 있습니다.",
        "지역 기록에 따르면 {noun}은(는) {period}경 {old_material}로 된 작은 건물로 "
        "시작되었습니다.",
        "{year}년 주민들이 힘을 모아 보수하면서 초가지붕을 기와지붕으로 바꾸었습니다.",
        "건물은 '{shape}' 자 모양으로 배치되어 있으며 {parts}로 이루어져 있습니다.",
        "가장 눈에 띄는 것은 지역 장인들이 정성껏 만든 {feature}입니다.",
        "매년 음력 {month}월에는 {festival}이(가) 열려 많은 주민과 관광객이 찾습니다.",
        "경내는 약 {area}㎡ 넓이이며 오래된 나무들이 그늘을 드리웁니다.",
        "지금도 칙서와 현판, 대련 {count}점을 보존하고 있습니다.",
        "전쟁 시기에는 지역 혁명가들의 비밀 회합 장소로 쓰였습니다.",
        "유적 관리위원회와 {ward} 당국이 정기적으로 보수하고 있습니다.",
        "선선한 오전에 방문하면 {feature}에 비치는 햇빛이 아름답습니다.",
        "마을 어르신들은 {noun}에 얽힌 {legend} 전설을 들려줍니다.",
        "부속 건물로 객사, 부엌, 작은 전시실이 있습니다.",
        "{noun} 앞에는 {front}이(가) 있어 메콩 델타 특유의 평화로운 풍경을 이룹니다.",
        "사진, 도면, 어르신들의 구술 자료를 디지털화하는 작업이 진행 중입니다.",
        "{woodwork}의 조각은 옛 남부 목수들의 뛰어난 솜씨를 보여 줍니다.",
        "가장 귀한 유물은 {period}경의 {treasure}입니다.",
        "경내에는 {trees} 같은 고목이 있습니다.",
        "{noun}까지 가는 길은 편리하며 자동차로 정문까지 갈 수 있습니다.",
        "명절과 설날이면 {ward} 주민들이 찾아와 향을 피우고 풍년을 기원합니다.",
        "{year2}년 성 예산의 지원으로 {count}번째 보수 공사가 이루어졌습니다.",
    ),
}
EVENT_SENTENCES: dict[str, tuple[str, ...]] = {
    "vi": (
        "{Noun} được tổ chức tại {ward}, thu hút hàng nghìn người dân và du khách.",
        "Chương trình gồm nghi lễ truyền thống, biểu diễn văn nghệ và các trò chơi dân gian.",
        "Năm nay có khoảng {count}0 gian hàng ẩm thực và sản phẩm OCOP của địa phương.",
        "Ban tổ chức bố trí bãi giữ xe miễn phí cách khu vực chính khoảng {count}00 m.",
        "Du khách nên đến sớm để chọn chỗ ngồi và tránh nắng buổi trưa.",
        "Sự kiện được duy trì từ năm {year} và trở thành nét sinh hoạt văn hóa quen thuộc.",
        "Các nghệ nhân đờn ca tài tử và đội lân sư rồng của {ward} cùng tham gia biểu diễn.",
        "Lịch chi tiết có thể thay đổi theo thời tiết; vui lòng theo dõi thông báo tại chỗ.",
    ),
    "en": (
        "{Noun} takes place in {ward} and draws thousands of residents and visitors.",
        "The programme mixes traditional rites, stage performances and folk games.",
        "About {count}0 stalls sell local food and OCOP products this year.",
        "Free parking is set up about {count}00 m from the main area.",
        "Come early to find a seat and avoid the midday sun.",
        "The event has been held since {year} and is a fixture of local cultural life.",
        "Musicians and lion-dance troupes from {ward} take part.",
        "Times may change with the weather; check the notices on site.",
    ),
    "fr": (
        "{Noun} a lieu à {ward} et attire des milliers d'habitants et de visiteurs.",
        "Le programme mêle rites traditionnels, spectacles et jeux populaires.",
        "Environ {count}0 stands proposent cuisine locale et produits OCOP.",
        "Un parking gratuit est installé à {count}00 m environ.",
        "Venez tôt pour trouver une place et éviter le soleil de midi.",
        "L'événement existe depuis {year} et rythme la vie culturelle locale.",
    ),
    "zh": (
        "{Noun}在{ward}举行，吸引数千名居民和游客。",
        "活动包括传统仪式、文艺演出和民间游戏。",
        "今年约有{count}0个摊位出售地方美食和OCOP产品。",
        "主办方在距主会场约{count}00米处设有免费停车场。",
        "建议提早到场，避开中午的烈日。",
        "该活动自{year}年起举办，已成为当地文化生活的一部分。",
    ),
    "ko": (
        "{Noun}은(는) {ward}에서 열리며 수천 명의 주민과 관광객이 찾습니다.",
        "전통 의식, 공연, 민속놀이로 구성됩니다.",
        "올해는 약 {count}0개의 부스에서 지역 음식과 OCOP 상품을 판매합니다.",
        "행사장에서 약 {count}00m 떨어진 곳에 무료 주차장이 있습니다.",
        "자리를 잡고 한낮의 햇볕을 피하려면 일찍 오세요.",
        "{year}년부터 이어져 온 지역의 대표적인 문화 행사입니다.",
    ),
}
PRODUCT_SENTENCES: dict[str, tuple[str, ...]] = {
    "vi": (
        "{Noun} được làm tại {ward} theo cách truyền thống của miệt vườn.",
        "Nguyên liệu được chọn lọc từ vườn của các hộ thành viên, không dùng chất bảo quản.",
        "Cơ sở bắt đầu sản xuất từ năm {year}, hiện có {count} lao động thường xuyên.",
        "Sản phẩm đã có mã truy xuất nguồn gốc và được bán tại các điểm du lịch trong tỉnh.",
        "Du khách có thể đến xem quy trình làm thủ công và mua tận nơi sản xuất.",
        "Bảo quản nơi khô ráo, thoáng mát, tránh ánh nắng trực tiếp.",
        "Đây là món quà được nhiều du khách chọn mang về sau chuyến đi miền Tây.",
    ),
    "en": (
        "{Noun} is made in {ward} the traditional orchard-country way.",
        "Ingredients come from members' own gardens, with no preservatives.",
        "Production started in {year}; {count} people work there all year.",
        "Each pack carries a traceability code; it is sold at tourist sites across the province.",
        "Visitors can watch the handwork and buy at the workshop.",
        "Keep in a cool, dry place away from direct sunlight.",
        "A favourite gift to take home from the Mekong Delta.",
    ),
    "fr": (
        "{Noun} est fabriqué à {ward} selon la tradition des vergers.",
        "Les ingrédients viennent des jardins des membres, sans conservateurs.",
        "La production a commencé en {year} ; {count} personnes y travaillent.",
        "Les visiteurs peuvent voir le travail à la main et acheter sur place.",
        "À conserver au sec et au frais, à l'abri du soleil.",
    ),
    "zh": (
        "{Noun}产自{ward}，采用果园地区的传统工艺制作。",
        "原料来自合作社成员自家果园，不含防腐剂。",
        "该作坊自{year}年开始生产，现有{count}名固定工人。",
        "游客可以参观手工制作过程并在现场购买。",
        "请存放于阴凉干燥处，避免阳光直射。",
    ),
    "ko": (
        "{Noun}은(는) {ward}에서 과수원 지역의 전통 방식으로 만듭니다.",
        "조합원 농장에서 고른 원료를 쓰며 방부제를 넣지 않습니다.",
        "{year}년부터 생산했으며 현재 {count}명이 일하고 있습니다.",
        "방문객은 수작업 과정을 보고 현장에서 구입할 수 있습니다.",
        "서늘하고 건조한 곳에 보관하세요.",
    ),
}
HIGHLIGHTS: Five = ("Điểm nổi bật:", "Highlights:", "Points forts :", "亮点：", "볼거리:")

# fmt: off
# Alternatives for a relic's slots, each a tuple of five: one is picked per record.
CHOICES: dict[str, tuple[Five, ...]] = {
    "old_material": (
        ("tre lá", "bamboo and leaves", "bambou et feuilles", "竹叶", "대나무와 잎"),
        ("tre và gỗ", "bamboo and wood", "bambou et bois", "竹木", "대나무와 나무"),
        ("gỗ và mái lá", "wood and thatch", "bois et chaume", "木头茅草", "나무와 초가"),
        ("vách đất", "mud walls", "torchis", "土墙", "흙벽"),
    ),
    "parts": (
        ("võ ca, chánh điện và hậu đường", "a front hall, a main sanctuary and a rear hall",
         "une salle avant, un sanctuaire et une salle arrière", "前殿、正殿和后堂",
         "앞채, 본전, 뒤채"),
        ("cổng tam quan, tiền đường và chánh điện",
         "a three-door gate, a front hall and a main hall",
         "un portique, une salle avant et une salle principale", "三关门、前堂和正殿",
         "삼관문, 앞채, 본전"),
        ("nhà tiền, nhà chính và nhà hậu", "front, main and rear buildings",
         "trois bâtiments en enfilade", "前屋、正屋和后屋", "앞채, 본채, 뒤채"),
    ),
    "feature": (
        ("bộ bao lam chạm khắc gỗ", "the carved wooden arches", "les arcs en bois sculpté",
         "木雕花罩", "나무 조각 아치"),
        ("những mảng khảm sành sứ nhiều màu", "the multicoloured porcelain mosaics",
         "les mosaïques de porcelaine", "彩色碎瓷镶嵌", "알록달록한 도자기 모자이크"),
        ("hàng cột gỗ căm xe", "the rows of ironwood columns", "les colonnes de bois de fer",
         "铁木柱列", "철목 기둥"),
        ("mái ngói rêu phong", "the moss-covered tiled roof", "le toit de tuiles moussu",
         "长满青苔的瓦顶", "이끼 낀 기와지붕"),
        ("cặp rồng chầu trên nóc", "the pair of dragons on the ridge",
         "les deux dragons du faîtage", "屋脊上的双龙", "용마루의 쌍룡"),
    ),
    "festival": (
        ("lễ Kỳ yên", "the Kỳ Yên peace festival", "la fête Kỳ Yên", "祈安节", "끼옌 축제"),
        ("lễ vía Bà", "the Lady's festival", "la fête de la Dame", "娘娘诞", "성모 제례"),
        ("lễ cúng đình", "the village ceremony", "la cérémonie du village", "亭祭", "마을 제례"),
        ("lễ hội dân gian", "a folk festival", "une fête populaire", "民间节庆", "민속 축제"),
    ),
    "trees": (
        ("me, sao và bồ đề", "tamarind, sao and bodhi trees", "des tamariniers et des banians",
         "罗望子树、娑罗树和菩提树", "타마린드와 보리수"),
        ("dầu, sung và bàng", "dipterocarp, fig and almond trees",
         "des diptérocarpes et des figuiers", "龙脑香树、无花果树和榄仁树", "무화과나무"),
    ),
    "legend": (
        ("một vị quan thanh liêm thời khẩn hoang", "an honest mandarin of the pioneer days",
         "un mandarin intègre des temps pionniers", "垦荒时期一位清官",
         "개척 시대의 청렴한 관리"),
        ("con rồng vàng hiện lên giữa dòng sông", "a golden dragon rising from the river",
         "un dragon d'or surgi du fleuve", "江中现身的金龙", "강에서 솟아오른 황금 용"),
        ("người thầy thuốc chữa bệnh cứu dân", "a healer who saved the villagers",
         "un guérisseur qui sauva le village", "救治乡民的郎中", "마을 사람들을 구한 의원"),
    ),
    "woodwork": (
        ("các bao lam và hoành phi", "the arches and lacquered boards",
         "les arcs et les panneaux laqués", "花罩和匾额", "아치와 현판"),
        ("cửa võng và kèo cột", "the hanging panels and rafters",
         "les panneaux suspendus et les chevrons", "挂落和梁架", "낙양과 서까래"),
    ),
    "front": (
        ("một hồ sen rộng", "a wide lotus pond", "un grand bassin de lotus", "一片宽阔的荷塘",
         "넓은 연못"),
        ("con rạch nhỏ rợp bóng dừa", "a small canal lined with coconut palms",
         "un petit canal bordé de cocotiers", "椰林掩映的小河", "야자수가 늘어선 작은 운하"),
        ("cánh đồng lúa xanh", "green rice fields", "des rizières", "绿油油的稻田", "푸른 논"),
    ),
    "treasure": (
        ("một quả chuông đồng", "a bronze bell", "une cloche en bronze", "一口铜钟", "청동 종"),
        ("bộ lư hương bằng đồng", "a set of bronze incense burners",
         "des brûle-parfums en bronze", "一套铜香炉", "청동 향로"),
        ("tấm bia đá cổ", "an old stone stele", "une ancienne stèle de pierre", "一块古石碑",
         "오래된 석비"),
    ),
}
PERIOD_PARTS: tuple[Five, ...] = (
    ("đầu", "the early", "le début du", "初", "초"),
    ("giữa", "the mid", "le milieu du", "中叶", "중엽"),
    ("cuối", "the late", "la fin du", "末", "말"),
)
ROMAN = {17: "XVIIe", 18: "XVIIIe", 19: "XIXe", 20: "XXe"}
ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth")
MONTHS_EN = (*ORDINALS, "ninth", "tenth", "eleventh", "twelfth")
MONTHS_FR = (
    "premier", "deuxième", "troisième", "quatrième", "cinquième", "sixième", "septième",
    "huitième", "neuvième", "dixième", "onzième", "douzième",
)

# Events: names with {n}/{a}/{z}/{k} the venue's or the ward's name, and the relic category
# the event is held at (None: a public place in a ward).
EVENT_KINDS: tuple[tuple[Five, str | None], ...] = (
    (("Lễ Kỳ yên {n}", "Kỳ Yên Festival at {a}", "Fête Kỳ Yên à {n}", "{z}祈安节",
      "{k} 끼옌 축제"), "communal-house"),
    (("Lễ vía Quan Âm {n}", "Guanyin Festival at {a}", "Fête de Guanyin à {n}", "{z}观音诞",
      "{k} 관음재"), "pagoda"),
    (("Đêm đờn ca tài tử {n}", "Đờn ca tài tử Evening in {a}", "Soirée đờn ca tài tử à {n}",
      "{z}才子弹唱之夜", "{k} 던까따이뜨 공연"), None),
    (("Hội chợ OCOP {n}", "{a} OCOP Fair", "Foire OCOP de {n}", "{z}OCOP展销会",
      "{k} OCOP 박람회"), None),
    (("Lễ hội trái cây {n}", "{a} Fruit Festival", "Fête des fruits de {n}", "{z}水果节",
      "{k} 과일 축제"), None),
    (("Giải đua ghe {n}", "{a} Boat Race", "Course de pirogues de {n}", "{z}赛舟会",
      "{k} 보트 경주"), None),
)
PROGRAMME: tuple[Five, ...] = (
    ("Khai mạc", "Opening", "Ouverture", "开幕", "개막"),
    ("Biểu diễn văn nghệ", "Performances", "Spectacles", "文艺演出", "공연"),
    ("Trò chơi dân gian", "Folk games", "Jeux populaires", "民间游戏", "민속놀이"),
)
ORGANISERS = ("Trung tâm Văn hóa – Thể thao tỉnh", "Ban quý tế đình", "Hội Nông dân")
# fmt: on


@dataclass(frozen=True)
class ProductKind:
    words: Five  # "Kẹo dừa", "coconut candy"…
    category: str
    unit: Five
    price: tuple[int, int]  # range, in thousands of đồng


# fmt: off
BOX_400G: Five = ("hộp 400 g", "400 g box", "boîte de 400 g", "400克盒装", "400g 상자")
BOTTLE: Five = ("chai 500 ml", "500 ml bottle", "bouteille de 500 ml", "500毫升瓶装", "500ml 병")
KILO: Five = ("kg", "kg", "kg", "公斤", "kg")
PRODUCT_KINDS = (
    ProductKind(("Kẹo dừa", "coconut candy", "bonbons à la noix de coco", "椰子糖",
                 "코코넛 캔디"), "food", BOX_400G, (30, 90)),
    ProductKind(("Mật ong", "honey", "miel", "蜂蜜", "꿀"), "food", BOTTLE, (80, 250)),
    ProductKind(("Nước mắm", "fish sauce", "sauce de poisson", "鱼露", "피시 소스"), "food",
                BOTTLE, (35, 150)),
    ProductKind(("Bánh tráng", "rice paper", "galettes de riz", "米纸", "라이스페이퍼"), "food",
                ("gói 500 g", "500 g pack", "paquet de 500 g", "500克袋装", "500g 봉지"),
                (25, 60)),
    ProductKind(("Trà mãng cầu", "soursop tea", "thé de corossol", "番荔枝茶",
                 "그라비올라 차"), "beverage",
                ("hộp 20 gói", "box of 20 bags", "boîte de 20 sachets", "20包盒装",
                 "20티백 상자"), (45, 120)),
    ProductKind(("Rượu dừa", "coconut wine", "vin de coco", "椰子酒", "코코넛 술"), "beverage",
                ("trái dừa", "coconut", "noix de coco", "个椰子", "코코넛 1개"), (90, 200)),
    ProductKind(("Tinh dầu sả", "lemongrass oil", "huile de citronnelle", "香茅精油",
                 "레몬그라스 오일"), "herbal",
                ("lọ 50 ml", "50 ml vial", "flacon de 50 ml", "50毫升瓶装", "50ml 병"),
                (60, 180)),
    ProductKind(("Giỏ lục bình", "water hyacinth basket", "panier en jacinthe d'eau",
                 "水葫芦篮", "부레옥잠 바구니"), "handicraft",
                ("cái", "piece", "pièce", "个", "개"), (50, 400)),
    ProductKind(("Sầu riêng", "durian", "durian", "榴莲", "두리안"), "fruit", KILO, (60, 160)),
    ProductKind(("Vú sữa", "star apple", "pomme de lait", "牛奶果", "스타애플"), "fruit", KILO,
                (30, 80)),
    ProductKind(("Thanh long", "dragon fruit", "fruit du dragon", "火龙果", "용과"), "fruit",
                KILO, (15, 45)),
    ProductKind(("Tour miệt vườn", "orchard tour", "circuit dans les vergers", "果园生态游",
                 "과수원 투어"), "service", ("người", "person", "personne", "人", "1인"),
                (150, 600)),
)

HISTORY_STEPS: tuple[Five, ...] = (
    ("Dựng lại bằng gỗ và ngói.", "Rebuilt in wood and tiles.",
     "Reconstruit en bois et tuiles.", "以木材和瓦片重建。", "나무와 기와로 다시 지었습니다."),
    ("Trùng tu chánh điện.", "Main hall restored.", "Restauration de la salle principale.",
     "重修正殿。", "본전을 보수했습니다."),
    ("Hư hại trong chiến tranh, sau đó sửa chữa.", "Damaged in the war, then repaired.",
     "Endommagé pendant la guerre, puis réparé.", "毁于战火，后修复。",
     "전쟁으로 훼손된 뒤 수리했습니다."),
    ("Xếp hạng di tích.", "Listed as a heritage site.", "Classé monument.", "列为文物古迹。",
     "유적으로 지정되었습니다."),
)
HOURS: Five = (
    "{a}:00–{b}:00 hằng ngày", "Daily {a}:00–{b}:00", "Tous les jours, {a} h – {b} h",
    "每天 {a}:00–{b}:00", "매일 {a}:00–{b}:00",
)
FREE: Five = ("Miễn phí", "Free", "Gratuit", "免费", "무료")
DRESS_CODE: Five = (
    "Trang phục lịch sự, kín đáo.", "Modest, respectful clothing.",
    "Tenue correcte et discrète.", "请着装得体。", "단정한 복장을 갖춰 주세요.",
)
ACCESSIBILITY: Five = (
    "Có lối đi cho xe lăn ở cổng phụ.", "Wheelchair access by the side gate.",
    "Accès en fauteuil roulant par la porte latérale.", "侧门设有无障碍通道。",
    "옆문으로 휠체어 출입이 가능합니다.",
)
SOURCES = (
    "Hồ sơ di tích lưu tại Sở Văn hóa, Thể thao và Du lịch", "Địa chí tỉnh (bản 2007)",
    "Lời kể của ban quý tế", "Khảo sát thực địa của Phòng Văn hóa – Thông tin",
)
WIFI_HOURS: Five = ("5:00–22:00", "5 am – 10 pm", "5 h – 22 h", "5:00–22:00", "5:00–22:00")
PARK: Five = (
    "Công viên và nhà văn hóa {w}", "The park and community hall of {w}",
    "Le parc et la maison de la culture de {w}", "{w}公园和文化中心", "{w} 공원과 문화회관",
)
WARD_CENTRE: Five = ("Trung tâm {w}", "{w} centre", "Centre de {w}", "{w}中心", "{w} 중심가")
PASSWORD_CHARS = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789-_!@#%+="

LANGUAGE_NAMES: Five = ("Tiếng Việt", "English", "Français", "中文（简体）", "한국어")
SITE_NAME: Five = (
    "Di sản tỉnh (dữ liệu thử)", "Province Heritage (test)", "Patrimoine de la province (test)",
    "全省文化遗产（测试）", "성 문화유산 (테스트)",
)
CITY: Five = ("Tỉnh Đồng Tháp", "Đồng Tháp Province", "province de Đồng Tháp", "同塔省", "동탑성")
PAGES: tuple[tuple[str, int, Five, Five], ...] = (  # id, menu order, title, body
    ("gioi-thieu", 10, ("Giới thiệu", "About", "À propos", "简介", "소개"), (
        "## Về bộ dữ liệu\n\nĐây là danh mục di tích sinh tự động để đo hiệu năng.\n",
        "## About this data\n\nA generated catalogue of relic sites for benchmarks.\n",
        "## À propos\n\nUn catalogue généré automatiquement pour des mesures.\n",
        "## 关于数据\n\n为性能测试自动生成的遗迹目录。\n",
        "## 데이터 소개\n\n성능 측정을 위해 자동 생성한 유적 목록입니다.\n",
    )),
    ("thong-tin-thiet-thuc", 20,
     ("Thông tin thiết thực", "Practical information", "Infos pratiques", "实用信息",
      "여행 정보"), (
        "## Đi lại\n\n- Xe khách từ Bến xe Miền Tây.\n- Tàu du lịch trên sông Tiền.\n",
        "## Getting there\n\n- Coaches from Miền Tây bus station.\n- Boats on the Tiền.\n",
        "## Accès\n\n- Cars depuis la gare routière Miền Tây.\n- Bateaux sur le Tiền.\n",
        "## 交通\n\n- 从西部客运站乘长途车。\n- 前江游船。\n",
        "## 교통\n\n- 미엔떠이 버스터미널에서 버스.\n- 띠엔강 유람선.\n",
    )),
)
# fmt: on
