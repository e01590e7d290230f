"""Citations of the HTE recognition rules, mirroring the legal text."""

MEASURES = "《高新技术企业认定管理办法》（国科发火〔2016〕32号）"
GUIDE = "《高新技术企业认定管理工作指引》（国科发火〔2016〕195号）"
ART_11 = {
    1: f"{MEASURES} 第十一条（一）",
    2: f"{MEASURES} 第十一条（二）",
    3: f"{MEASURES} 第十一条（三）及附件《国家重点支持的高新技术领域》",
    4: f"{MEASURES} 第十一条（四）；{GUIDE} 科技人员、职工总数",
    5: f"{MEASURES} 第十一条（五）；{GUIDE} 研究开发费用归集",
    6: f"{MEASURES} 第十一条（六）；{GUIDE} 高新技术产品（服务）收入、总收入",
    7: f"{MEASURES} 第十一条（七）；{GUIDE} 企业创新能力评价",
    8: f"{MEASURES} 第十一条（八）；{GUIDE}“申请认定前一年内”",
}
PERIOD = f"{GUIDE} 时间概念（近三个会计年度、最近一年）"
SCORE_IP = f"{GUIDE} 企业创新能力评价 知识产权"
SCORE_CONVERSION = f"{GUIDE} 企业创新能力评价 科技成果转化能力"
SCORE_MANAGEMENT = f"{GUIDE} 企业创新能力评价 研究开发组织管理水平"
SCORE_GROWTH = f"{GUIDE} 企业创新能力评价 企业成长性"
