#pragma once
// Two unrelated news stories of about 200 words each, written for the near-duplicate tests.

namespace vigil::index::test_stories {

inline constexpr const char* kCourtStory =
    "The regional court on Tuesday ordered the release of fourteen journalists who had been held "
    "without charge since the protests in March, their lawyers said. The judges found that the "
    "police had failed to bring the detainees before a magistrate within the forty-eight hours "
    "the constitution allows, and that several of them had been denied access to a doctor. "
    "Relatives gathered outside the courthouse in the capital sang and embraced as the ruling "
    "was read out. The interior ministry said it would study the judgment before deciding "
    "whether to appeal. Press freedom groups welcomed the decision but warned that at least "
    "thirty other reporters remain in custody across the country, many of them accused under a "
    "broadly worded law on spreading false information. One of the freed journalists, a radio "
    "presenter from the northern province, told reporters that she had been questioned every "
    "night about her sources and had not been allowed to call her family for six weeks. The "
    "United Nations human rights office called on the government to drop the remaining cases "
    "and to investigate the complaints of ill-treatment. A spokesman for the governing party "
    "said the courts were independent and that the government respected their rulings, but he "
    "added that journalists were not above the law and that incitement would be prosecuted.";

inline constexpr const char* kDroughtStory =
    "Farmers in the eastern valleys have begun planting a drought-tolerant variety of sorghum "
    "after three failed rainy seasons left thousands of households dependent on food aid. "
    "Agricultural extension workers distributed seed to more than two thousand families this "
    "month, and a cooperative in the largest market town has built a warehouse where harvests "
    "can be stored until prices recover. Aid agencies say the number of children treated for "
    "acute malnutrition at clinics in the area has doubled since last year. Water levels in the "
    "reservoir that supplies the valley towns are at their lowest since records began, and the "
    "local authority has introduced rationing, with taps opened for four hours every other day. "
    "Some residents walk for most of the morning to reach boreholes drilled by a charity in the "
    "hills. Researchers at the national university are testing whether terraces and small dams "
    "can keep more of the rain that does fall on the slopes. The district commissioner said the "
    "government would ask donors for emergency funds at a conference next month, and that a "
    "new irrigation scheme promised before the election would be completed by the end of the "
    "decade, although engineers say construction has not yet started on the main canal.";

}  // namespace vigil::index::test_stories
