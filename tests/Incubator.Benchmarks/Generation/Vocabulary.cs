namespace Incubator.Benchmarks.Generation;

/// <summary>
/// The words of a provincial innovation ecosystem, in three tiers of frequency, so that queries can be drawn from
/// words that match most of the index (common), a few percent of it (phrases) or a few dozen items (rare).
/// </summary>
internal static class Vocabulary
{
    /// <summary>In most items: every generated text draws several of these.</summary>
    public static readonly string[] Common =
    [
        "đổi mới sáng tạo", "khởi nghiệp", "công nghệ", "sản phẩm", "doanh nghiệp", "phát triển", "hỗ trợ",
        "thị trường", "chuyển đổi số", "nông nghiệp", "liên kết", "người dân", "địa phương", "giá trị", "chất lượng",
        "sản xuất", "kinh doanh", "hợp tác", "đầu tư", "mô hình",
    ];

    /// <summary>Topics: each in a few percent of the items, the more so in its sector.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> TopicsBySector = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["agri-hitech"] = ["nông nghiệp công nghệ cao", "nhà kính thông minh", "tưới nhỏ giọt", "giống cây trồng", "thủy canh", "cơ giới hóa"],
        ["agro-forestry-processing"] = ["chế biến nông sản", "sấy lạnh", "bảo quản sau thu hoạch", "chế biến gỗ", "đóng gói", "chuỗi giá trị"],
        ["medicinal-herbs"] = ["dược liệu", "cây thuốc nam", "chiết xuất tinh dầu", "vùng trồng dược liệu", "thực phẩm chức năng", "bài thuốc dân gian"],
        ["biotech"] = ["công nghệ sinh học", "nuôi cấy mô", "chế phẩm vi sinh", "phân bón hữu cơ vi sinh", "enzyme", "men vi sinh"],
        ["it-digital"] = ["chuyển đổi số", "trí tuệ nhân tạo", "thương mại điện tử", "điện toán đám mây", "dữ liệu lớn", "phần mềm quản lý"],
        ["industry"] = ["cơ khí chính xác", "tự động hóa", "in ba chiều", "vật liệu mới", "chế tạo máy", "điện tử công nghiệp"],
        ["environment-energy"] = ["năng lượng mặt trời", "năng lượng tái tạo", "xử lý nước thải", "kinh tế tuần hoàn", "tái chế nhựa", "giảm phát thải"],
        ["health"] = ["chăm sóc sức khỏe", "khám chữa bệnh từ xa", "thiết bị y tế", "y học cổ truyền", "dinh dưỡng", "sức khỏe cộng đồng"],
        ["tourism-services"] = ["du lịch cộng đồng", "homestay", "du lịch sinh thái", "ẩm thực địa phương", "trải nghiệm văn hóa", "dịch vụ lữ hành"],
        ["education"] = ["giáo dục STEM", "đào tạo nghề", "học trực tuyến", "kỹ năng số", "giáo dục hướng nghiệp", "ngoại ngữ"],
        ["ocop"] = ["sản phẩm OCOP", "đặc sản vùng miền", "nhãn hiệu tập thể", "chỉ dẫn địa lý", "bao bì sản phẩm", "xúc tiến thương mại"],
        ["smart-organic-farming"] = ["nông nghiệp hữu cơ", "nông nghiệp thông minh", "truy xuất nguồn gốc", "cảm biến độ ẩm", "canh tác bền vững", "chứng nhận VietGAP"],
    };

    /// <summary>Specialties and uncommon words: each in a few dozen items.</summary>
    public static readonly string[] Rare =
    [
        "hạt dẻ Trùng Khánh", "miến dong Nguyên Bình", "trà hoa vàng", "thạch đen", "lạp sườn hun khói", "mật ong bạc hà",
        "sâm Ngọc Linh", "tinh dầu hồi", "quế hữu cơ", "chè Shan tuyết", "gạo nếp cẩm", "nấm linh chi", "cá hồi vân",
        "thổ cẩm", "giấy bản", "hương nhang", "mận Tam Hoa", "lê Đông Khê", "rau bò khai", "khau nhục", "bánh gio",
        "rượu men lá", "vải thiều", "cam sành", "bưởi Diễn", "gừng gió", "nghệ đen", "đinh lăng", "giảo cổ lam",
        "hà thủ ô", "tam thất", "xạ đen", "cà gai leo", "ba kích", "chè dây", "trúc sào", "tre luồng", "mây tre đan",
        "gốm Phù Lãng", "bạc Đồng Văn", "dao Phúc Sen", "hồng không hạt", "quýt Hà Giang", "mắc mật", "thảo quả",
        "kê vàng", "tỏi cô đơn", "vịt bầu", "lợn đen", "gà đồi", "bò vàng", "dê núi", "ong nội", "rau sắng",
        "măng ớt", "măng khô", "nấm hương rừng", "mộc nhĩ", "chanh leo", "dứa Queen", "xoài tứ quý", "ổi lê",
        "thanh long ruột đỏ", "cacao lên men", "cà phê Robusta", "hạt điều", "tiêu sọ", "bơ sáp", "sầu riêng Ri6",
        "vani", "địa lan", "lan kim tuyến", "sa nhân tím", "bạch truật", "hoài sơn", "đương quy", "atiso",
        "mía tím", "khoai môn", "khoai sọ", "củ mài", "sắn dây", "lạc đỏ", "đậu tương", "vừng đen",
    ];

    /// <summary>Technologies and methods, spread across sectors.</summary>
    public static readonly string[] Technologies =
    [
        "internet vạn vật", "chuỗi khối", "máy bay không người lái", "cảm biến", "ứng dụng di động", "mã QR",
        "học máy", "thị giác máy tính", "bản đồ số", "nền tảng số", "hệ thống định vị", "năng lượng sinh khối",
    ];

    public static readonly string[] Beneficiaries =
    [
        "nông dân", "hợp tác xã", "đồng bào dân tộc thiểu số", "phụ nữ nông thôn", "thanh niên", "học sinh",
        "doanh nghiệp nhỏ và vừa", "hộ kinh doanh", "người cao tuổi", "du khách",
    ];

    public static readonly string[] Goals =
    [
        "nâng cao thu nhập", "giảm chi phí sản xuất", "mở rộng thị trường xuất khẩu", "bảo vệ môi trường",
        "tạo việc làm tại chỗ", "nâng cao năng suất", "bảo tồn văn hóa", "giảm nghèo bền vững", "tăng sức cạnh tranh",
    ];

    public static readonly string[] Achievements =
    [
        "giải nhất cuộc thi khởi nghiệp cấp tỉnh", "chứng nhận sản phẩm OCOP 4 sao", "hợp đồng với chuỗi siêu thị",
        "vốn đầu tư thiên thần", "bằng độc quyền sáng chế", "giải thưởng Sáng tạo kỹ thuật", "chứng nhận doanh nghiệp khoa học và công nghệ",
    ];

    public static readonly string[] Expertise =
    [
        "gọi vốn", "quản trị tài chính", "tiếp thị số", "sở hữu trí tuệ", "xây dựng thương hiệu", "quản lý chuỗi cung ứng",
        "pháp lý doanh nghiệp", "phát triển sản phẩm", "xuất khẩu", "quản trị nhân sự",
    ];

    public static readonly string[] NewsTopics =
    [
        "Hội nghị kết nối cung cầu công nghệ", "Cuộc thi khởi nghiệp đổi mới sáng tạo", "Ngày hội khởi nghiệp",
        "Hội thảo chuyển đổi số", "Chương trình hỗ trợ doanh nghiệp", "Lớp tập huấn sở hữu trí tuệ", "Hội chợ sản phẩm OCOP",
        "Diễn đàn đầu tư", "Tọa đàm nông nghiệp công nghệ cao", "Lễ trao giải Sáng tạo kỹ thuật",
    ];

    public static readonly string[] CompanyForms = ["Công ty TNHH", "Công ty Cổ phần", "Hợp tác xã", "Dự án", "Nhóm khởi nghiệp"];

    public static readonly string[] OrganisationForms =
        ["Trường Đại học", "Viện Nghiên cứu", "Vườn ươm doanh nghiệp", "Trung tâm Hỗ trợ khởi nghiệp", "Quỹ đầu tư", "Trung tâm Ứng dụng tiến bộ khoa học"];

    public static readonly string[] BrandWords =
    [
        "Xanh", "Việt", "Sáng", "Tâm", "An", "Phúc", "Thịnh", "Hưng", "Bình", "Minh", "Hòa", "Tín", "Đức", "Vàng",
        "Núi", "Suối", "Rừng", "Mây", "Ngọc", "Sen", "Lúa", "Non", "Bản", "Thác",
    ];

    public static readonly string[] MentorTitles = ["TS.", "ThS.", "PGS.TS.", "Kỹ sư", "Chuyên gia", "Ông", "Bà"];
}
