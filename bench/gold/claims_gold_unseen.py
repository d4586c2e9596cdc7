"""Five short made-up Indonesian news articles and their claims (the "unseen" check).

Written for this dev set on topics the seeds do not touch; the recognizer's word lists
are never chosen from these names or sentences (see make_claims_gold.py).
"""

from __future__ import annotations

ECONOMY = (
    "JAKARTA, KOMPAS - Bank Indonesia (BI) memutuskan untuk mempertahankan suku bunga acuan "
    "BI-Rate di level 6 persen. Keputusan itu diambil dalam Rapat Dewan Gubernur yang "
    "berlangsung selama dua hari.\n"
    "Gubernur BI Perry Warjiyo mengatakan, keputusan tersebut konsisten dengan upaya menjaga "
    "inflasi tetap rendah. \"Inflasi diperkirakan tetap terkendali dalam sasaran 2,5 plus "
    "minus 1 persen pada tahun ini,\" kata Perry dalam konferensi pers di Jakarta, Rabu "
    "(17/1/2024).\n"
    "Ia menambahkan, pertumbuhan ekonomi Indonesia pada 2024 akan berada di kisaran 4,7 "
    "hingga 5,5 persen.\n"
    "Sementara itu, Kepala Departemen Komunikasi BI Erwin Haryono menjelaskan bahwa cadangan "
    "devisa pada akhir Desember 2023 tercatat sebesar 146,4 miliar dolar AS.\n"
    "Ekonom Universitas Indonesia, Fithra Faisal, menilai langkah BI sudah tepat di tengah "
    "ketidakpastian global. \"Kebijakan ini memberi sinyal yang baik bagi pasar,\" ujarnya.\n"
    "\"Namun, pemerintah tetap perlu mewaspadai tekanan harga pangan menjelang Ramadan.\"\n"
    "Menurut Badan Pusat Statistik (BPS), inflasi tahunan pada Desember 2023 mencapai 2,61 "
    "persen.\n"
)

HEALTH = (
    "BANDUNG - Dinas Kesehatan Kota Bandung mencatat 1.250 kasus demam berdarah dengue (DBD) "
    "sepanjang Januari hingga Maret 2024, naik hampir dua kali lipat dibanding periode yang "
    "sama tahun lalu.\n"
    "Kepala Dinas Kesehatan Kota Bandung, Anhar Hadian, mengatakan, sebagian besar kasus "
    "ditemukan pada anak usia sekolah. \"Kami sudah menambah petugas fogging di 30 "
    "kelurahan,\" kata Anhar saat ditemui di Balai Kota Bandung, Selasa (2/4/2024).\n"
    "Dia mengimbau warga untuk rutin menguras bak mandi dan menutup tempat penampungan air.\n"
    "Anhar memastikan seluruh puskesmas di Bandung siap menangani pasien DBD tanpa biaya.\n"
    "Epidemiolog Universitas Padjadjaran, Panji Hadisoemarto, memperkirakan jumlah kasus akan "
    "terus meningkat hingga Mei seiring curah hujan yang tinggi.\n"
    "\"Pemerintah kota harus bergerak lebih cepat. Pemberantasan sarang nyamuk tidak bisa "
    "hanya mengandalkan fogging,\" tegasnya.\n"
    "Wali Kota Bandung membantah anggapan bahwa pemerintah lamban menangani lonjakan kasus.\n"
)

SPORT = (
    "Timnas Indonesia U-23 menargetkan lolos ke babak semifinal Piala Asia U-23 2024 di "
    "Qatar. Pelatih Shin Tae-yong optimistis anak asuhnya mampu mengalahkan Korea Selatan "
    "pada laga perempat final, Kamis (25/4/2024) malam.\n"
    "\"Para pemain dalam kondisi bagus dan siap tempur. Kami tidak takut menghadapi siapa "
    "pun,\" ujar Shin dalam jumpa pers di Doha.\n"
    "Ketua Umum PSSI Erick Thohir memuji penampilan para pemain yang dinilainya disiplin "
    "sepanjang turnamen. Menurut Erick, keberhasilan lolos dari fase grup merupakan sejarah "
    "baru bagi sepak bola nasional.\n"
    "Ia juga menegaskan PSSI tidak akan mengganti pelatih sebelum kontrak Shin berakhir pada "
    "2027.\n"
    "Kapten tim Rizky Ridho mengaku seluruh pemain telah pulih dari cedera.\n"
    "Sementara itu, pengamat sepak bola Tommy Welly menilai lini belakang Garuda Muda masih "
    "rawan saat menghadapi serangan balik cepat.\n"
)

ENVIRONMENT = (
    "PALANGKA RAYA - Badan Nasional Penanggulangan Bencana (BNPB) melaporkan luas lahan yang "
    "terbakar di Kalimantan Tengah telah mencapai 12.000 hektare sejak awal Agustus.\n"
    "Kepala Pusat Data, Informasi, dan Komunikasi Kebencanaan BNPB, Abdul Muhari, mengatakan, "
    "jumlah titik panas turun 40 persen dalam sepekan terakhir berkat operasi water "
    "bombing.\n"
    "\"Kami menargetkan seluruh titik api di lahan gambut padam sebelum akhir September,\" "
    "tuturnya.\n"
    "Namun, Walhi Kalimantan Tengah menyoroti lemahnya penegakan hukum terhadap perusahaan "
    "perkebunan pembakar lahan. Direktur Walhi Kalimantan Tengah Bayu Herinata menyebutkan, "
    "sedikitnya 15 perusahaan sawit memiliki titik api di dalam konsesinya.\n"
    "PT Sawit Makmur Lestari menampik tuduhan tersebut. Juru bicara perusahaan, Hendro "
    "Wibowo, mengatakan kebakaran berasal dari lahan warga di luar area konsesi.\n"
    "Gubernur Kalimantan Tengah Sugianto Sabran berharap hujan mulai turun pada pekan depan "
    "sehingga kabut asap segera berkurang.\n"
)

EDUCATION = (
    "JAKARTA - Kementerian Pendidikan, Kebudayaan, Riset, dan Teknologi akan menghapus sistem "
    "zonasi dalam penerimaan peserta didik baru mulai tahun depan, demikian dikatakan seorang "
    "pejabat kementerian kepada wartawan, Senin (13/5/2024).\n"
    "Menteri Nadiem Makarim menyatakan bahwa evaluasi menyeluruh sedang dilakukan bersama "
    "pemerintah daerah. \"Tidak benar bahwa kami sudah memutuskan menghapus zonasi. Semua opsi "
    "masih dibahas,\" katanya dalam rapat kerja dengan Komisi X DPR.\n"
    "Anggota Komisi X DPR, Dede Yusuf, menilai sistem zonasi telah membuka peluang kecurangan "
    "karena banyak orang tua memalsukan alamat. Ia meminta kementerian segera menerbitkan "
    "aturan baru.\n"
    "Federasi Serikat Guru Indonesia (FSGI) mencatat ada 210 pengaduan terkait penerimaan "
    "siswa baru sepanjang 2023. Sekretaris Jenderal FSGI Heru Purnomo mengatakan, sebagian "
    "besar pengaduan berasal dari Jawa Barat dan Jawa Tengah.\n"
    "\"Zonasi bukan masalahnya. Masalahnya adalah sebaran sekolah negeri yang tidak merata,\" "
    "ucap Heru.\n"
)

UNSEEN = [
    {"id": "unseen-economy", "text": ECONOMY,
     "entities": [("KOMPAS", "ORG"), ("Bank Indonesia", "ORG"), ("BI", "ORG"),
                  ("Perry Warjiyo", "PER"), ("Perry", "PER"), ("Jakarta", "LOC"),
                  ("Indonesia", "LOC"), ("Erwin Haryono", "PER"),
                  ("Universitas Indonesia", "ORG"), ("Fithra Faisal", "PER"),
                  ("Badan Pusat Statistik", "ORG"), ("BPS", "ORG")],
     "claims": [
         {"text": "keputusan tersebut konsisten dengan upaya menjaga inflasi tetap rendah",
          "label": "OPINION", "claimant": "Perry Warjiyo", "cue": "mengatakan"},
         {"text": "Inflasi diperkirakan tetap terkendali dalam sasaran 2,5 plus minus 1 persen "
                  "pada tahun ini", "label": "PREDICTION", "claimant": "Perry", "cue": "kata",
          "quote": "direct"},
         {"text": "pertumbuhan ekonomi Indonesia pada 2024 akan berada di kisaran 4,7 hingga "
                  "5,5 persen", "label": "PREDICTION", "claimant": "Perry",
          "cue": "menambahkan"},
         {"text": "cadangan devisa pada akhir Desember 2023 tercatat sebesar 146,4 miliar "
                  "dolar AS", "label": "CHECKWORTHY", "claimant": "Erwin Haryono",
          "cue": "menjelaskan"},
         {"text": "langkah BI sudah tepat di tengah ketidakpastian global", "label": "OPINION",
          "claimant": "Fithra Faisal", "cue": "menilai"},
         {"text": "Kebijakan ini memberi sinyal yang baik bagi pasar", "label": "OPINION",
          "claimant": "Fithra Faisal", "cue": "ujarnya", "quote": "direct"},
         {"text": "Namun, pemerintah tetap perlu mewaspadai tekanan harga pangan menjelang "
                  "Ramadan.", "label": "OPINION", "claimant": "Fithra Faisal",
          "quote": "direct"},
         {"text": "inflasi tahunan pada Desember 2023 mencapai 2,61 persen",
          "label": "CHECKWORTHY", "claimant": "Badan Pusat Statistik", "cue": "Menurut"},
     ]},
    {"id": "unseen-health", "text": HEALTH,
     "entities": [("Dinas Kesehatan Kota Bandung", "ORG"), ("Anhar Hadian", "PER"),
                  ("Anhar", "PER"), ("Bandung", "LOC"), ("Balai Kota Bandung", "LOC"),
                  ("Universitas Padjadjaran", "ORG"), ("Panji Hadisoemarto", "PER")],
     "claims": [
         {"text": "1.250 kasus demam berdarah dengue (DBD) sepanjang Januari hingga Maret 2024, "
                  "naik hampir dua kali lipat dibanding periode yang sama tahun lalu",
          "label": "CHECKWORTHY", "claimant": "Dinas Kesehatan Kota Bandung",
          "cue": "mencatat"},
         {"text": "sebagian besar kasus ditemukan pada anak usia sekolah",
          "label": "CHECKWORTHY", "claimant": "Anhar Hadian", "cue": "mengatakan"},
         {"text": "Kami sudah menambah petugas fogging di 30 kelurahan", "label": "CHECKWORTHY",
          "claimant": "Anhar", "cue": "kata", "quote": "direct"},
         {"text": "warga untuk rutin menguras bak mandi dan menutup tempat penampungan air",
          "label": "OPINION", "claimant": "Anhar", "cue": "mengimbau"},
         {"text": "seluruh puskesmas di Bandung siap menangani pasien DBD tanpa biaya",
          "label": "CHECKWORTHY", "claimant": "Anhar", "cue": "memastikan"},
         {"text": "jumlah kasus akan terus meningkat hingga Mei seiring curah hujan yang tinggi",
          "label": "PREDICTION", "claimant": "Panji Hadisoemarto", "cue": "memperkirakan"},
         {"text": "Pemerintah kota harus bergerak lebih cepat. Pemberantasan sarang nyamuk "
                  "tidak bisa hanya mengandalkan fogging", "label": "OPINION",
          "claimant": "Panji Hadisoemarto", "cue": "tegasnya", "quote": "direct"},
         {"text": "pemerintah lamban menangani lonjakan kasus", "label": "DENIAL",
          "claimant": "Wali Kota Bandung", "cue": "membantah"},
     ]},
    {"id": "unseen-sport", "text": SPORT,
     "entities": [("Timnas Indonesia U-23", "ORG"), ("Qatar", "LOC"),
                  ("Shin Tae-yong", "PER"), ("Shin", "PER"), ("Korea Selatan", "LOC"),
                  ("Doha", "LOC"), ("PSSI", "ORG"), ("Erick Thohir", "PER"),
                  ("Erick", "PER"), ("Rizky Ridho", "PER"), ("Tommy Welly", "PER"),
                  ("Garuda Muda", "ORG")],
     "claims": [
         {"text": "lolos ke babak semifinal Piala Asia U-23 2024 di Qatar",
          "label": "PREDICTION", "claimant": "Timnas Indonesia U-23", "cue": "menargetkan"},
         {"text": "anak asuhnya mampu mengalahkan Korea Selatan pada laga perempat final, Kamis "
                  "(25/4/2024) malam", "label": "PREDICTION", "claimant": "Shin Tae-yong",
          "cue": "optimistis"},
         {"text": "Para pemain dalam kondisi bagus dan siap tempur. Kami tidak takut menghadapi "
                  "siapa pun", "label": "OPINION", "claimant": "Shin", "cue": "ujar",
          "quote": "direct"},
         {"text": "penampilan para pemain yang dinilainya disiplin sepanjang turnamen",
          "label": "OPINION", "claimant": "Erick Thohir", "cue": "memuji"},
         {"text": "keberhasilan lolos dari fase grup merupakan sejarah baru bagi sepak bola "
                  "nasional", "label": "OPINION", "claimant": "Erick", "cue": "Menurut"},
         {"text": "PSSI tidak akan mengganti pelatih sebelum kontrak Shin berakhir pada 2027",
          "label": "PREDICTION", "claimant": "Erick", "cue": "menegaskan"},
         {"text": "seluruh pemain telah pulih dari cedera", "label": "CHECKWORTHY",
          "claimant": "Rizky Ridho", "cue": "mengaku"},
         {"text": "lini belakang Garuda Muda masih rawan saat menghadapi serangan balik cepat",
          "label": "OPINION", "claimant": "Tommy Welly", "cue": "menilai"},
     ]},
    {"id": "unseen-environment", "text": ENVIRONMENT,
     "entities": [("Badan Nasional Penanggulangan Bencana", "ORG"), ("BNPB", "ORG"),
                  ("Kalimantan Tengah", "LOC"), ("Abdul Muhari", "PER"),
                  ("Walhi Kalimantan Tengah", "ORG"), ("Bayu Herinata", "PER"),
                  ("PT Sawit Makmur Lestari", "ORG"), ("Hendro Wibowo", "PER"),
                  ("Sugianto Sabran", "PER"), ("PALANGKA RAYA", "LOC")],
     "claims": [
         {"text": "luas lahan yang terbakar di Kalimantan Tengah telah mencapai 12.000 hektare "
                  "sejak awal Agustus", "label": "CHECKWORTHY",
          "claimant": "Badan Nasional Penanggulangan Bencana", "cue": "melaporkan"},
         {"text": "jumlah titik panas turun 40 persen dalam sepekan terakhir berkat operasi "
                  "water bombing", "label": "CHECKWORTHY", "claimant": "Abdul Muhari",
          "cue": "mengatakan"},
         {"text": "Kami menargetkan seluruh titik api di lahan gambut padam sebelum akhir "
                  "September", "label": "PREDICTION", "claimant": "Abdul Muhari",
          "cue": "tuturnya", "quote": "direct"},
         {"text": "lemahnya penegakan hukum terhadap perusahaan perkebunan pembakar lahan",
          "label": "OPINION", "claimant": "Walhi Kalimantan Tengah", "cue": "menyoroti"},
         {"text": "sedikitnya 15 perusahaan sawit memiliki titik api di dalam konsesinya",
          "label": "CHECKWORTHY", "claimant": "Bayu Herinata", "cue": "menyebutkan"},
         {"text": "tuduhan tersebut", "label": "DENIAL", "claimant": "PT Sawit Makmur Lestari",
          "cue": "menampik"},
         {"text": "kebakaran berasal dari lahan warga di luar area konsesi",
          "label": "CHECKWORTHY", "claimant": "Hendro Wibowo", "cue": "mengatakan",
          "after": "Hendro"},
         {"text": "hujan mulai turun pada pekan depan sehingga kabut asap segera berkurang",
          "label": "PREDICTION", "claimant": "Sugianto Sabran", "cue": "berharap"},
     ]},
    {"id": "unseen-education", "text": EDUCATION,
     "entities": [("Kementerian Pendidikan, Kebudayaan, Riset, dan Teknologi", "ORG"),
                  ("Nadiem Makarim", "PER"), ("Komisi X DPR", "ORG"), ("Dede Yusuf", "PER"),
                  ("Federasi Serikat Guru Indonesia", "ORG"), ("FSGI", "ORG"),
                  ("Heru Purnomo", "PER"), ("Heru", "PER"), ("Jawa Barat", "LOC"),
                  ("Jawa Tengah", "LOC"), ("JAKARTA", "LOC")],
     "claims": [
         {"text": "Kementerian Pendidikan, Kebudayaan, Riset, dan Teknologi akan menghapus "
                  "sistem zonasi dalam penerimaan peserta didik baru mulai tahun depan",
          "label": "PREDICTION", "claimant": "seorang pejabat kementerian",
          "cue": "dikatakan"},
         {"text": "evaluasi menyeluruh sedang dilakukan bersama pemerintah daerah",
          "label": "CHECKWORTHY", "claimant": "Nadiem Makarim", "cue": "menyatakan"},
         {"text": "Tidak benar bahwa kami sudah memutuskan menghapus zonasi. Semua opsi masih "
                  "dibahas", "label": "DENIAL", "claimant": "Nadiem Makarim",
          "cue": "katanya", "quote": "direct"},
         {"text": "sistem zonasi telah membuka peluang kecurangan karena banyak orang tua "
                  "memalsukan alamat", "label": "OPINION", "claimant": "Dede Yusuf",
          "cue": "menilai"},
         {"text": "ada 210 pengaduan terkait penerimaan siswa baru sepanjang 2023",
          "label": "CHECKWORTHY", "claimant": "Federasi Serikat Guru Indonesia",
          "cue": "mencatat"},
         {"text": "sebagian besar pengaduan berasal dari Jawa Barat dan Jawa Tengah",
          "label": "CHECKWORTHY", "claimant": "Heru Purnomo", "cue": "mengatakan",
          "after": "Heru Purnomo"},
         {"text": "Zonasi bukan masalahnya. Masalahnya adalah sebaran sekolah negeri yang "
                  "tidak merata", "label": "OPINION", "claimant": "Heru", "cue": "ucap",
          "quote": "direct"},
     ]},
]

# Written after the recognizer's rules were set, and first measured blind (see the
# report in bench/RESULTS.md): transport, law, technology.
TRANSPORT = (
    "SURABAYA, JAWAPOS - PT Kereta Api Indonesia (Persero) atau KAI menambah 12 perjalanan "
    "kereta tambahan selama libur Natal dan Tahun Baru.\n"
    "Vice President Public Relations KAI Joni Martinus menyampaikan, tiket kereta tambahan "
    "tersebut sudah bisa dipesan sejak Senin (4/12/2023). \"Okupansi kereta jarak jauh saat "
    "ini sudah mencapai 85 persen,\" ujar Joni kepada wartawan di Stasiun Gubeng.\n"
    "Menurut dia, lonjakan penumpang diprediksi terjadi pada 22 Desember.\n"
    "Pengamat transportasi dari Institut Teknologi Sepuluh Nopember, Hitapriya Suprayitno, "
    "menyebut penambahan perjalanan itu belum cukup. Ia berpendapat KAI seharusnya juga "
    "menambah gerbong pada kereta reguler.\n"
    "Sementara itu, Kementerian Perhubungan memastikan tarif tiket kereta ekonomi bersubsidi "
    "tidak naik selama masa libur.\n"
)

LAW = (
    "Kepolisian Daerah Metro Jaya menetapkan dua tersangka dalam kasus penipuan investasi "
    "bodong yang merugikan ratusan warga.\n"
    "Kepala Bidang Humas Polda Metro Jaya Kombes Ade Ary Syam Indradi mengungkapkan kerugian "
    "para korban ditaksir mencapai Rp 45 miliar. \"Kedua tersangka menjanjikan keuntungan 10 "
    "persen per bulan,\" katanya di Mapolda Metro Jaya, Jumat (8/3/2024).\n"
    "Kuasa hukum tersangka, Rudi Hartono, membantah kliennya menipu para investor. Menurut "
    "Rudi, dana investasi justru macet karena gagal bayar mitra usaha.\n"
    "\"Klien kami juga korban dalam perkara ini,\" tegas Rudi.\n"
    "Otoritas Jasa Keuangan (OJK) mengimbau masyarakat untuk selalu memeriksa izin usaha "
    "sebelum menanamkan uang.\n"
)

TECH = (
    "Startup teknologi pertanian eFishery mengumumkan pemutusan hubungan kerja terhadap "
    "sekitar 200 karyawan.\n"
    "Dalam keterangan resmi, manajemen eFishery menjelaskan bahwa langkah itu diambil untuk "
    "menjaga keberlanjutan bisnis di tengah perlambatan pendanaan.\n"
    "Direktur Eksekutif Indonesian Fintech Society, Siswo Setiawan, menilai gelombang PHK di "
    "perusahaan rintisan masih akan berlanjut hingga akhir tahun.\n"
    "\"Investor kini jauh lebih selektif. Mereka hanya mau mendanai startup yang sudah "
    "untung,\" ujarnya.\n"
    "Kementerian Ketenagakerjaan menyatakan akan memantau pemenuhan hak pesangon para "
    "karyawan yang terdampak.\n"
)

UNSEEN += [
    {"id": "unseen-transport", "text": TRANSPORT,
     "entities": [("JAWAPOS", "ORG"), ("PT Kereta Api Indonesia (Persero)", "ORG"),
                  ("KAI", "ORG"), ("Joni Martinus", "PER"), ("Joni", "PER"),
                  ("Stasiun Gubeng", "LOC"), ("SURABAYA", "LOC"),
                  ("Institut Teknologi Sepuluh Nopember", "ORG"),
                  ("Hitapriya Suprayitno", "PER"), ("Kementerian Perhubungan", "ORG")],
     "claims": [
         {"text": "tiket kereta tambahan tersebut sudah bisa dipesan sejak Senin (4/12/2023)",
          "label": "CHECKWORTHY", "claimant": "Joni Martinus", "cue": "menyampaikan"},
         {"text": "Okupansi kereta jarak jauh saat ini sudah mencapai 85 persen",
          "label": "CHECKWORTHY", "claimant": "Joni", "cue": "ujar", "quote": "direct"},
         {"text": "lonjakan penumpang diprediksi terjadi pada 22 Desember",
          "label": "PREDICTION", "claimant": "Joni", "cue": "Menurut"},
         {"text": "penambahan perjalanan itu belum cukup", "label": "OPINION",
          "claimant": "Hitapriya Suprayitno", "cue": "menyebut"},
         {"text": "KAI seharusnya juga menambah gerbong pada kereta reguler",
          "label": "OPINION", "claimant": "Hitapriya Suprayitno", "cue": "berpendapat"},
         {"text": "tarif tiket kereta ekonomi bersubsidi tidak naik selama masa libur",
          "label": "CHECKWORTHY", "claimant": "Kementerian Perhubungan",
          "cue": "memastikan"},
     ]},
    {"id": "unseen-law", "text": LAW,
     "entities": [("Kepolisian Daerah Metro Jaya", "ORG"), ("Polda Metro Jaya", "ORG"),
                  ("Ade Ary Syam Indradi", "PER"), ("Mapolda Metro Jaya", "LOC"),
                  ("Rudi Hartono", "PER"), ("Rudi", "PER"),
                  ("Otoritas Jasa Keuangan", "ORG"), ("OJK", "ORG")],
     "claims": [
         {"text": "kerugian para korban ditaksir mencapai Rp 45 miliar",
          "label": "CHECKWORTHY", "claimant": "Ade Ary Syam Indradi",
          "cue": "mengungkapkan"},
         {"text": "Kedua tersangka menjanjikan keuntungan 10 persen per bulan",
          "label": "CHECKWORTHY", "claimant": "Ade Ary Syam Indradi", "cue": "katanya",
          "quote": "direct"},
         {"text": "kliennya menipu para investor", "label": "DENIAL",
          "claimant": "Rudi Hartono", "cue": "membantah"},
         {"text": "dana investasi justru macet karena gagal bayar mitra usaha",
          "label": "CHECKWORTHY", "claimant": "Rudi", "cue": "Menurut"},
         {"text": "Klien kami juga korban dalam perkara ini", "label": "DENIAL",
          "claimant": "Rudi", "cue": "tegas", "quote": "direct"},
         {"text": "masyarakat untuk selalu memeriksa izin usaha sebelum menanamkan uang",
          "label": "OPINION", "claimant": "Otoritas Jasa Keuangan", "cue": "mengimbau"},
     ]},
    {"id": "unseen-tech", "text": TECH,
     "entities": [("eFishery", "ORG"), ("Indonesian Fintech Society", "ORG"),
                  ("Siswo Setiawan", "PER"), ("Kementerian Ketenagakerjaan", "ORG")],
     "claims": [
         {"text": "pemutusan hubungan kerja terhadap sekitar 200 karyawan",
          "label": "CHECKWORTHY", "claimant": "eFishery", "cue": "mengumumkan"},
         {"text": "langkah itu diambil untuk menjaga keberlanjutan bisnis di tengah "
                  "perlambatan pendanaan", "label": "CHECKWORTHY", "claimant": "eFishery",
          "cue": "menjelaskan"},
         {"text": "gelombang PHK di perusahaan rintisan masih akan berlanjut hingga akhir "
                  "tahun", "label": "PREDICTION", "claimant": "Siswo Setiawan",
          "cue": "menilai"},
         {"text": "Investor kini jauh lebih selektif. Mereka hanya mau mendanai startup yang "
                  "sudah untung", "label": "OPINION", "claimant": "Siswo Setiawan",
          "cue": "ujarnya", "quote": "direct"},
         {"text": "akan memantau pemenuhan hak pesangon para karyawan yang terdampak",
          "label": "PREDICTION", "claimant": "Kementerian Ketenagakerjaan",
          "cue": "menyatakan"},
     ]},
]

# A second blind batch (finance, disaster, politics), written after the rules above were
# set, to try constructions the first articles lack.
FINANCE = (
    "JAKARTA - Menteri Keuangan Sri Mulyani Indrawati menyebut defisit anggaran hingga akhir "
    "Juni 2024 mencapai Rp 77,3 triliun atau 0,34 persen dari produk domestik bruto.\n"
    "Hal itu disampaikan Sri Mulyani dalam konferensi pers APBN Kita di kantor Kementerian "
    "Keuangan, Senin (8/7/2024).\n"
    "\"Kita tetap waspada, tetapi APBN masih dalam posisi yang sehat,\" katanya.\n"
    "Sebelumnya, Badan Anggaran DPR sempat mempertanyakan lonjakan belanja pegawai pada "
    "semester pertama.\n"
    "Ekonom senior Indef Faisal Basri berpendapat bahwa pemerintah terlalu optimistis "
    "memasang target penerimaan pajak.\n"
    "Penerimaan pajak tahun ini sulit mencapai target, menurut Faisal.\n"
)

DISASTER = (
    "CIANJUR - Gempa bermagnitudo 5,6 mengguncang Kabupaten Cianjur, Jawa Barat, Senin "
    "siang.\n"
    "Kepala Pusat Data dan Informasi BNPB Abdul Muhari mengatakan 268 orang meninggal dunia "
    "akibat gempa tersebut.\n"
    "Menurut dia, sebagian besar korban tertimpa reruntuhan bangunan.\n"
    "Bupati Cianjur Herman Suherman menegaskan: \"Kami butuh tenda, selimut, dan obat-obatan "
    "secepatnya.\"\n"
    "\"Jumlah korban kemungkinan masih bertambah karena pencarian belum selesai,\" ujar "
    "Herman saat dikonfirmasi, Selasa.\n"
    "BMKG memperingatkan warga agar mewaspadai gempa susulan dalam beberapa hari ke depan.\n"
)

POLITICS = (
    "Partai Demokrasi Rakyat resmi mengusung Ahmad Fauzi sebagai calon gubernur Sumatera "
    "Utara.\n"
    "Ketua Umum Partai Demokrasi Rakyat, Lestari Ningsih, mengklaim elektabilitas Ahmad "
    "sudah mengungguli para pesaingnya. \"Survei internal kami menunjukkan angka 41 "
    "persen,\" ucapnya.\n"
    "Namun, peneliti Lembaga Survei Nusantara, Bagus Pramono, meragukan angka tersebut. "
    "Ia menilai survei internal partai cenderung tidak objektif.\n"
    "Ahmad sendiri menampik tudingan bahwa dirinya menggunakan fasilitas negara untuk "
    "berkampanye.\n"
    "\"Saya tidak pernah memakai mobil dinas untuk kegiatan partai,\" kata Ahmad.\n"
)

UNSEEN += [
    {"id": "unseen-finance", "text": FINANCE,
     "entities": [("Sri Mulyani Indrawati", "PER"), ("Sri Mulyani", "PER"),
                  ("Kementerian Keuangan", "ORG"), ("Badan Anggaran DPR", "ORG"),
                  ("Indef", "ORG"), ("Faisal Basri", "PER"), ("Faisal", "PER"),
                  ("JAKARTA", "LOC")],
     "claims": [
         {"text": "defisit anggaran hingga akhir Juni 2024 mencapai Rp 77,3 triliun atau 0,34 "
                  "persen dari produk domestik bruto", "label": "CHECKWORTHY",
          "claimant": "Sri Mulyani Indrawati", "cue": "menyebut"},
         {"text": "lonjakan belanja pegawai pada semester pertama", "label": "OPINION",
          "claimant": "Badan Anggaran DPR", "cue": "mempertanyakan", "stance": "questions"},
         {"text": "Kita tetap waspada, tetapi APBN masih dalam posisi yang sehat",
          "label": "OPINION", "claimant": "Sri Mulyani", "cue": "katanya",
          "quote": "direct"},
         {"text": "pemerintah terlalu optimistis memasang target penerimaan pajak",
          "label": "OPINION", "claimant": "Faisal Basri", "cue": "berpendapat"},
         {"text": "Penerimaan pajak tahun ini sulit mencapai target", "label": "PREDICTION",
          "claimant": "Faisal", "cue": "menurut"},
     ]},
    {"id": "unseen-disaster", "text": DISASTER,
     "entities": [("Kabupaten Cianjur", "LOC"), ("Jawa Barat", "LOC"), ("CIANJUR", "LOC"),
                  ("BNPB", "ORG"), ("Abdul Muhari", "PER"), ("Herman Suherman", "PER"),
                  ("Herman", "PER"), ("BMKG", "ORG")],
     "claims": [
         {"text": "268 orang meninggal dunia akibat gempa tersebut", "label": "CHECKWORTHY",
          "claimant": "Abdul Muhari", "cue": "mengatakan"},
         {"text": "sebagian besar korban tertimpa reruntuhan bangunan",
          "label": "CHECKWORTHY", "claimant": "Abdul Muhari", "cue": "Menurut"},
         {"text": "Kami butuh tenda, selimut, dan obat-obatan secepatnya.",
          "label": "CHECKWORTHY", "claimant": "Herman Suherman", "cue": "menegaskan",
          "quote": "direct"},
         {"text": "Jumlah korban kemungkinan masih bertambah karena pencarian belum selesai",
          "label": "PREDICTION", "claimant": "Herman", "cue": "ujar", "quote": "direct"},
         {"text": "warga agar mewaspadai gempa susulan dalam beberapa hari ke depan",
          "label": "PREDICTION", "claimant": "BMKG", "cue": "memperingatkan"},
     ]},
    {"id": "unseen-politics", "text": POLITICS,
     "entities": [("Partai Demokrasi Rakyat", "ORG"), ("Ahmad Fauzi", "PER"),
                  ("Ahmad", "PER"), ("Sumatera Utara", "LOC"), ("Lestari Ningsih", "PER"),
                  ("Lembaga Survei Nusantara", "ORG"), ("Bagus Pramono", "PER")],
     "claims": [
         {"text": "elektabilitas Ahmad sudah mengungguli para pesaingnya",
          "label": "CHECKWORTHY", "claimant": "Lestari Ningsih", "cue": "mengklaim"},
         {"text": "Survei internal kami menunjukkan angka 41 persen", "label": "CHECKWORTHY",
          "claimant": "Lestari Ningsih", "cue": "ucapnya", "quote": "direct"},
         {"text": "angka tersebut", "label": "OPINION", "claimant": "Bagus Pramono",
          "cue": "meragukan"},
         {"text": "survei internal partai cenderung tidak objektif", "label": "OPINION",
          "claimant": "Bagus Pramono", "cue": "menilai"},
         {"text": "dirinya menggunakan fasilitas negara untuk berkampanye", "label": "DENIAL",
          "claimant": "Ahmad", "cue": "menampik"},
         {"text": "Saya tidak pernah memakai mobil dinas untuk kegiatan partai",
          "label": "DENIAL", "claimant": "Ahmad", "cue": "kata", "quote": "direct"},
     ]},
]

# A third blind batch (energy, agriculture, health policy), written after batch 2's fixes.
ENERGY = (
    "PT PLN (Persero) memastikan pasokan listrik di Bali aman selama perhelatan World Water "
    "Forum pada Mei mendatang.\n"
    "Direktur Utama PLN Darmawan Prasodjo dalam siaran pers yang diterima di Jakarta, Minggu "
    "(12/5/2024), menyampaikan bahwa PLN menyiagakan 1.200 personel dan 40 unit genset "
    "cadangan.\n"
    "\"Tidak boleh ada gangguan sedikit pun selama acara berlangsung,\" tegas Darmawan.\n"
    "Ia menambahkan, cadangan daya listrik Bali saat ini mencapai 300 megawatt. Menurutnya, "
    "angka itu lebih dari cukup untuk menopang kebutuhan selama forum.\n"
    "Adapun Institute for Essential Services Reform (IESR) menyoroti masih tingginya "
    "ketergantungan Bali pada pembangkit berbahan bakar fosil.\n"
)

AGRICULTURE = (
    "Harga gabah kering panen di tingkat petani di Kabupaten Indramayu anjlok hingga Rp "
    "5.200 per kilogram.\n"
    "Ketua Kelompok Tani Sri Mukti, Warsidi, mengeluhkan harga tersebut berada di bawah "
    "harga pembelian pemerintah. \"Kalau begini terus, petani bisa rugi besar,\" ujarnya "
    "saat ditemui di sawahnya, Rabu.\n"
    "Kepala Dinas Pertanian Indramayu, Sugeng Heryanto, mengakui harga gabah turun karena "
    "panen raya berlangsung serentak. Ia memperkirakan harga kembali normal dalam dua "
    "pekan.\n"
    "Sementara itu, Perum Bulog menyatakan siap menyerap gabah petani sesuai harga "
    "pembelian pemerintah.\n"
)

HEALTH_POLICY = (
    "Kementerian Kesehatan berencana mewajibkan skrining kesehatan jiwa bagi seluruh "
    "mahasiswa kedokteran program spesialis.\n"
    "Kebijakan itu diambil setelah muncul sejumlah laporan perundungan di rumah sakit "
    "pendidikan, kata Juru Bicara Kementerian Kesehatan Mohammad Syahril.\n"
    "Syahril menjelaskan, hasil skrining terhadap 12.121 peserta menunjukkan 2.716 orang "
    "mengalami gejala depresi.\n"
    "Ketua Umum Ikatan Dokter Indonesia, Moh Adib Khumaidi, menyambut baik rencana "
    "tersebut. Namun, ia mengingatkan agar data skrining tidak dipakai untuk menghukum "
    "peserta didik.\n"
    "\"Yang harus dibenahi adalah budaya senioritas di lingkungan pendidikan,\" kata "
    "Adib.\n"
)

UNSEEN += [
    {"id": "unseen-energy", "text": ENERGY,
     "entities": [("PT PLN (Persero)", "ORG"), ("PLN", "ORG"), ("Bali", "LOC"),
                  ("World Water Forum", "ORG"), ("Darmawan Prasodjo", "PER"),
                  ("Darmawan", "PER"), ("Jakarta", "LOC"),
                  ("Institute for Essential Services Reform", "ORG"), ("IESR", "ORG")],
     "claims": [
         {"text": "pasokan listrik di Bali aman selama perhelatan World Water Forum pada Mei "
                  "mendatang", "label": "PREDICTION", "claimant": "PT PLN (Persero)",
          "cue": "memastikan"},
         {"text": "PLN menyiagakan 1.200 personel dan 40 unit genset cadangan",
          "label": "CHECKWORTHY", "claimant": "Darmawan Prasodjo", "cue": "menyampaikan"},
         {"text": "Tidak boleh ada gangguan sedikit pun selama acara berlangsung",
          "label": "OPINION", "claimant": "Darmawan", "cue": "tegas", "quote": "direct"},
         {"text": "cadangan daya listrik Bali saat ini mencapai 300 megawatt",
          "label": "CHECKWORTHY", "claimant": "Darmawan", "cue": "menambahkan"},
         {"text": "angka itu lebih dari cukup untuk menopang kebutuhan selama forum",
          "label": "OPINION", "claimant": "Darmawan", "cue": "Menurutnya"},
         {"text": "masih tingginya ketergantungan Bali pada pembangkit berbahan bakar fosil",
          "label": "OPINION", "claimant": "Institute for Essential Services Reform",
          "cue": "menyoroti"},
     ]},
    {"id": "unseen-agriculture", "text": AGRICULTURE,
     "entities": [("Kabupaten Indramayu", "LOC"), ("Indramayu", "LOC"),
                  ("Kelompok Tani Sri Mukti", "ORG"), ("Warsidi", "PER"),
                  ("Dinas Pertanian Indramayu", "ORG"), ("Sugeng Heryanto", "PER"),
                  ("Perum Bulog", "ORG")],
     "claims": [
         {"text": "harga tersebut berada di bawah harga pembelian pemerintah",
          "label": "OPINION", "claimant": "Warsidi", "cue": "mengeluhkan"},
         {"text": "Kalau begini terus, petani bisa rugi besar", "label": "PREDICTION",
          "claimant": "Warsidi", "cue": "ujarnya", "quote": "direct"},
         {"text": "harga gabah turun karena panen raya berlangsung serentak",
          "label": "CHECKWORTHY", "claimant": "Sugeng Heryanto", "cue": "mengakui"},
         {"text": "harga kembali normal dalam dua pekan", "label": "PREDICTION",
          "claimant": "Sugeng Heryanto", "cue": "memperkirakan"},
         {"text": "siap menyerap gabah petani sesuai harga pembelian pemerintah",
          "label": "PREDICTION", "claimant": "Perum Bulog", "cue": "menyatakan"},
     ]},
    {"id": "unseen-health-policy", "text": HEALTH_POLICY,
     "entities": [("Kementerian Kesehatan", "ORG"), ("Mohammad Syahril", "PER"),
                  ("Syahril", "PER"), ("Ikatan Dokter Indonesia", "ORG"),
                  ("Moh Adib Khumaidi", "PER"), ("Adib", "PER")],
     "claims": [
         {"text": "Kebijakan itu diambil setelah muncul sejumlah laporan perundungan di rumah "
                  "sakit pendidikan", "label": "CHECKWORTHY", "claimant": "Mohammad Syahril",
          "cue": "kata"},
         {"text": "hasil skrining terhadap 12.121 peserta menunjukkan 2.716 orang mengalami "
                  "gejala depresi", "label": "CHECKWORTHY", "claimant": "Syahril",
          "cue": "menjelaskan"},
         {"text": "rencana tersebut", "label": "OPINION", "claimant": "Moh Adib Khumaidi",
          "cue": "menyambut baik"},
         {"text": "agar data skrining tidak dipakai untuk menghukum peserta didik",
          "label": "OPINION", "claimant": "Moh Adib Khumaidi", "cue": "mengingatkan"},
         {"text": "Yang harus dibenahi adalah budaya senioritas di lingkungan pendidikan",
          "label": "OPINION", "claimant": "Adib", "cue": "kata", "quote": "direct"},
     ]},
]

# A fourth blind batch (housing, tourism, traffic) in a looser web-news style: "Baca
# juga" lines, alternating speakers, "lanjutnya", a caption.
HOUSING = (
    "Harga Rumah di Jabodetabek Naik, Milenial Makin Sulit Beli\n"
    "Liputan6.com, Jakarta - Harga rumah tapak di kawasan Jabodetabek terus merangkak naik "
    "sepanjang 2023.\n"
    "Berdasarkan data Indonesia Property Watch (IPW), kenaikan harga rata-rata mencapai 7,2 "
    "persen dibanding tahun sebelumnya.\n"
    "Baca juga: Pemerintah Siapkan Subsidi Rumah untuk Pekerja Informal\n"
    "CEO Indonesia Property Watch Ali Tranghanda menuturkan, kenaikan itu dipicu mahalnya "
    "harga tanah. \"Generasi milenial makin sulit membeli rumah pertama,\" ungkapnya.\n"
    "\"Pemerintah perlu memperluas skema subsidi uang muka,\" lanjutnya.\n"
    "Di sisi lain, Kementerian Pekerjaan Umum dan Perumahan Rakyat menargetkan pembangunan "
    "satu juta rumah tahun ini.\n"
    "Editor: Nurmayanti\n"
)

TOURISM = (
    "Kunjungan wisatawan mancanegara ke Bali pada Juli 2024 tembus 625.000 orang, menurut "
    "Badan Pusat Statistik Provinsi Bali.\n"
    "Kepala Dinas Pariwisata Bali Tjok Bagus Pemayun mengatakan angka itu merupakan yang "
    "tertinggi sejak pandemi. Dia optimistis target 5,5 juta kunjungan tahun ini tercapai.\n"
    "Namun, Ketua Perhimpunan Hotel dan Restoran Indonesia (PHRI) Bali, Cok Ace, mengingatkan "
    "bahwa kemacetan di Bali selatan sudah sangat parah.\n"
    "\"Kalau tidak segera ditangani, wisatawan bisa beralih ke negara lain,\" kata Cok Ace.\n"
    "Pemerintah Provinsi Bali membantah pungutan wisatawan asing sebesar Rp 150.000 "
    "membuat kunjungan turun.\n"
)

TRAFFIC = (
    "Foto: Kemacetan di Jalan Tol Cikampek (Dok. Jasa Marga)\n"
    "PT Jasa Marga (Persero) Tbk mencatat 1,2 juta kendaraan meninggalkan Jakarta selama "
    "libur panjang akhir pekan.\n"
    "Corporate Communication Jasa Marga Lisye Octaviana mengatakan, volume itu naik 18 "
    "persen dibandingkan lalu lintas normal.\n"
    "\"Kami mengimbau pengguna jalan untuk beristirahat di rest area secara bergantian,\" "
    "ujar Lisye.\n"
    "Pengamat transportasi Djoko Setijowarno menilai rekayasa lalu lintas contraflow tidak "
    "lagi efektif. Menurutnya, pemerintah harus membatasi kendaraan pribadi pada masa libur.\n"
)

UNSEEN += [
    {"id": "unseen-housing", "text": HOUSING,
     "entities": [("Liputan6.com", "ORG"), ("Jabodetabek", "LOC"), ("Jakarta", "LOC"),
                  ("Indonesia Property Watch", "ORG"), ("IPW", "ORG"),
                  ("Ali Tranghanda", "PER"),
                  ("Kementerian Pekerjaan Umum dan Perumahan Rakyat", "ORG"),
                  ("Nurmayanti", "PER")],
     "claims": [
         {"text": "kenaikan harga rata-rata mencapai 7,2 persen dibanding tahun sebelumnya",
          "label": "CHECKWORTHY", "claimant": "Indonesia Property Watch",
          "cue": "Berdasarkan data"},
         {"text": "kenaikan itu dipicu mahalnya harga tanah", "label": "CHECKWORTHY",
          "claimant": "Ali Tranghanda", "cue": "menuturkan"},
         {"text": "Generasi milenial makin sulit membeli rumah pertama", "label": "OPINION",
          "claimant": "Ali Tranghanda", "cue": "ungkapnya", "quote": "direct"},
         {"text": "Pemerintah perlu memperluas skema subsidi uang muka", "label": "OPINION",
          "claimant": "Ali Tranghanda", "cue": "lanjutnya", "quote": "direct"},
         {"text": "pembangunan satu juta rumah tahun ini", "label": "PREDICTION",
          "claimant": "Kementerian Pekerjaan Umum dan Perumahan Rakyat",
          "cue": "menargetkan"},
     ]},
    {"id": "unseen-tourism", "text": TOURISM,
     "entities": [("Bali", "LOC"), ("Badan Pusat Statistik Provinsi Bali", "ORG"),
                  ("Dinas Pariwisata Bali", "ORG"), ("Tjok Bagus Pemayun", "PER"),
                  ("Perhimpunan Hotel dan Restoran Indonesia", "ORG"), ("PHRI", "ORG"),
                  ("Cok Ace", "PER"), ("Pemerintah Provinsi Bali", "ORG")],
     "claims": [
         {"text": "Kunjungan wisatawan mancanegara ke Bali pada Juli 2024 tembus 625.000 orang",
          "label": "CHECKWORTHY", "claimant": "Badan Pusat Statistik Provinsi Bali",
          "cue": "menurut"},
         {"text": "angka itu merupakan yang tertinggi sejak pandemi", "label": "CHECKWORTHY",
          "claimant": "Tjok Bagus Pemayun", "cue": "mengatakan"},
         {"text": "target 5,5 juta kunjungan tahun ini tercapai", "label": "PREDICTION",
          "claimant": "Tjok Bagus Pemayun", "cue": "optimistis"},
         {"text": "kemacetan di Bali selatan sudah sangat parah", "label": "OPINION",
          "claimant": "Cok Ace", "cue": "mengingatkan"},
         {"text": "Kalau tidak segera ditangani, wisatawan bisa beralih ke negara lain",
          "label": "PREDICTION", "claimant": "Cok Ace", "cue": "kata", "quote": "direct"},
         {"text": "pungutan wisatawan asing sebesar Rp 150.000 membuat kunjungan turun",
          "label": "DENIAL", "claimant": "Pemerintah Provinsi Bali", "cue": "membantah"},
     ]},
    {"id": "unseen-traffic", "text": TRAFFIC,
     "entities": [("Jalan Tol Cikampek", "LOC"), ("Jasa Marga", "ORG"),
                  ("PT Jasa Marga (Persero) Tbk", "ORG"), ("Jakarta", "LOC"),
                  ("Lisye Octaviana", "PER"), ("Lisye", "PER"),
                  ("Djoko Setijowarno", "PER")],
     "claims": [
         {"text": "1,2 juta kendaraan meninggalkan Jakarta selama libur panjang akhir pekan",
          "label": "CHECKWORTHY", "claimant": "PT Jasa Marga (Persero) Tbk",
          "cue": "mencatat"},
         {"text": "volume itu naik 18 persen dibandingkan lalu lintas normal",
          "label": "CHECKWORTHY", "claimant": "Lisye Octaviana", "cue": "mengatakan"},
         {"text": "Kami mengimbau pengguna jalan untuk beristirahat di rest area secara "
                  "bergantian", "label": "OPINION", "claimant": "Lisye", "cue": "ujar",
          "quote": "direct"},
         {"text": "rekayasa lalu lintas contraflow tidak lagi efektif", "label": "OPINION",
          "claimant": "Djoko Setijowarno", "cue": "menilai"},
         {"text": "pemerintah harus membatasi kendaraan pribadi pada masa libur",
          "label": "OPINION", "claimant": "Djoko Setijowarno", "cue": "Menurutnya"},
     ]},
]

# A fifth blind batch (football, crime, diplomacy), written after every rule above and
# measured once as the final honest estimate (see bench/RESULTS.md).
FOOTBALL = (
    "BANDUNG - Persib Bandung gagal meraih kemenangan saat menjamu Bali United di Stadion "
    "Gelora Bandung Lautan Api, Sabtu (9/3/2024) malam.\n"
    "Pelatih Persib, Bojan Hodak, mengakui timnya bermain buruk pada babak pertama. "
    "\"Kami terlalu lambat dalam transisi dan kehilangan banyak bola di lini tengah,\" "
    "kata Bojan seusai pertandingan.\n"
    "Ia menegaskan Persib tetap mengincar gelar juara musim ini.\n"
    "Sementara itu, pelatih Bali United Stefano Cugurra menyebut hasil imbang ini adil bagi "
    "kedua tim.\n"
    "Manajemen Persib memastikan penjualan tiket untuk laga berikutnya sudah dibuka sejak "
    "Senin.\n"
)

CRIME = (
    "Polres Metro Jakarta Selatan menangkap seorang pria berinisial RS yang diduga mencuri "
    "belasan sepeda motor di kawasan Kebayoran Baru.\n"
    "Kapolres Metro Jakarta Selatan Kombes Ade Rahmat Idnal mengatakan pelaku sudah beraksi "
    "di 14 lokasi sejak Januari. \"Pelaku menjual motor hasil curian melalui media sosial,\" "
    "ujarnya dalam konferensi pers, Rabu.\n"
    "Menurut Ade, pelaku terancam hukuman tujuh tahun penjara.\n"
    "Kuasa hukum RS, Dedi Kurniawan, menyatakan kliennya hanya membantu menjual motor dan "
    "tidak terlibat pencurian.\n"
)

DIPLOMACY = (
    "Menteri Luar Negeri Retno Marsudi bertemu dengan Menteri Luar Negeri Australia Penny "
    "Wong di Canberra, Kamis (8/2/2024).\n"
    "Dalam pertemuan itu, kedua menteri sepakat memperkuat kerja sama maritim dan "
    "penanganan perubahan iklim, demikian keterangan Kementerian Luar Negeri.\n"
    "Retno menyampaikan bahwa nilai perdagangan Indonesia dan Australia naik 20 persen "
    "dalam dua tahun terakhir.\n"
    "\"Australia adalah mitra strategis Indonesia di kawasan,\" kata Retno.\n"
    "Wong berharap kedua negara dapat segera merampungkan perundingan soal pendidikan "
    "vokasi.\n"
)

UNSEEN += [
    {"id": "unseen-football", "text": FOOTBALL,
     "entities": [("Persib Bandung", "ORG"), ("Persib", "ORG"), ("Bali United", "ORG"),
                  ("Stadion Gelora Bandung Lautan Api", "LOC"), ("Bojan Hodak", "PER"),
                  ("Bojan", "PER"), ("Stefano Cugurra", "PER"), ("BANDUNG", "LOC")],
     "claims": [
         {"text": "timnya bermain buruk pada babak pertama", "label": "OPINION",
          "claimant": "Bojan Hodak", "cue": "mengakui"},
         {"text": "Kami terlalu lambat dalam transisi dan kehilangan banyak bola di lini "
                  "tengah", "label": "OPINION", "claimant": "Bojan", "cue": "kata",
          "quote": "direct"},
         {"text": "Persib tetap mengincar gelar juara musim ini", "label": "PREDICTION",
          "claimant": "Bojan", "cue": "menegaskan"},
         {"text": "hasil imbang ini adil bagi kedua tim", "label": "OPINION",
          "claimant": "Stefano Cugurra", "cue": "menyebut"},
         {"text": "penjualan tiket untuk laga berikutnya sudah dibuka sejak Senin",
          "label": "CHECKWORTHY", "claimant": "Manajemen Persib", "cue": "memastikan"},
     ]},
    {"id": "unseen-crime", "text": CRIME,
     "entities": [("Polres Metro Jakarta Selatan", "ORG"), ("Kebayoran Baru", "LOC"),
                  ("Ade Rahmat Idnal", "PER"), ("Ade", "PER"), ("Dedi Kurniawan", "PER")],
     "claims": [
         {"text": "pelaku sudah beraksi di 14 lokasi sejak Januari", "label": "CHECKWORTHY",
          "claimant": "Ade Rahmat Idnal", "cue": "mengatakan"},
         {"text": "Pelaku menjual motor hasil curian melalui media sosial",
          "label": "CHECKWORTHY", "claimant": "Ade Rahmat Idnal", "cue": "ujarnya",
          "quote": "direct"},
         {"text": "pelaku terancam hukuman tujuh tahun penjara", "label": "CHECKWORTHY",
          "claimant": "Ade", "cue": "Menurut"},
         {"text": "kliennya hanya membantu menjual motor dan tidak terlibat pencurian",
          "label": "DENIAL", "claimant": "Dedi Kurniawan", "cue": "menyatakan"},
     ]},
    {"id": "unseen-diplomacy", "text": DIPLOMACY,
     "entities": [("Retno Marsudi", "PER"), ("Retno", "PER"), ("Penny Wong", "PER"),
                  ("Wong", "PER"), ("Canberra", "LOC"), ("Australia", "LOC"),
                  ("Indonesia", "LOC"), ("Kementerian Luar Negeri", "ORG")],
     "claims": [
         {"text": "Dalam pertemuan itu, kedua menteri sepakat memperkuat kerja sama maritim "
                  "dan penanganan perubahan iklim", "label": "CHECKWORTHY",
          "claimant": "Kementerian Luar Negeri", "cue": "demikian keterangan"},
         {"text": "nilai perdagangan Indonesia dan Australia naik 20 persen dalam dua tahun "
                  "terakhir", "label": "CHECKWORTHY", "claimant": "Retno",
          "cue": "menyampaikan"},
         {"text": "Australia adalah mitra strategis Indonesia di kawasan", "label": "OPINION",
          "claimant": "Retno", "cue": "kata", "quote": "direct"},
         {"text": "kedua negara dapat segera merampungkan perundingan soal pendidikan vokasi",
          "label": "PREDICTION", "claimant": "Wong", "cue": "berharap"},
     ]},
]

# A sixth blind batch (markets, elections, tuberculosis, corruption, online gambling,
# badminton) in kompas/detik style, written for issue 16 after every rule above and
# measured blind first (see bench/RESULTS.md).
MARKETS = (
    "JAKARTA, KOMPAS.com - Nilai tukar rupiah melemah ke level Rp 16.200 per dolar AS pada "
    "perdagangan Senin (14/10/2024) sore.\n"
    "Analis pasar uang Doo Financial Futures, Lukman Leong, mengatakan, pelemahan rupiah "
    "dipicu oleh data inflasi Amerika Serikat yang lebih tinggi dari perkiraan. \"Investor "
    "asing mencatat jual bersih Rp 2,1 triliun di pasar obligasi sepanjang pekan lalu,\" "
    "ujarnya.\n"
    "Menurut Lukman, rupiah berpotensi kembali menguat ke kisaran Rp 15.900 pada akhir bulan "
    "jika neraca perdagangan surplus.\n"
    "Sementara itu, Menteri Keuangan Sri Mulyani Indrawati menyebut defisit APBN hingga "
    "September 2024 mencapai Rp 153,7 triliun atau 0,68 persen terhadap produk domestik "
    "bruto.\n"
    "\"Angka ini masih sangat aman dan terkendali,\" kata Sri Mulyani dalam konferensi pers "
    "APBN KiTa di Jakarta.\n"
    "Ia membantah kabar bahwa pemerintah akan menaikkan tarif pajak pertambahan nilai secara "
    "mendadak.\n"
    "Ekonom Center of Reform on Economics (CORE) Mohammad Faisal berpendapat pemerintah "
    "sebaiknya menunda kenaikan PPN hingga daya beli masyarakat pulih.\n"
)

ELECTION = (
    "JAKARTA - Komisi Pemilihan Umum (KPU) menetapkan jadwal pemungutan suara ulang di 12 "
    "tempat pemungutan suara (TPS) di Kabupaten Sampang, Jawa Timur.\n"
    "Ketua KPU, Mochammad Afifuddin, mengatakan, pemungutan suara ulang akan digelar pada "
    "Sabtu (30/11/2024). \"Logistik sudah kami distribusikan sejak kemarin,\" kata Afifuddin "
    "di Kantor KPU, Jakarta.\n"
    "Badan Pengawas Pemilu (Bawaslu) menemukan dugaan politik uang di sejumlah desa. Anggota "
    "Bawaslu Lolly Suhenty menegaskan pihaknya telah memeriksa 27 saksi.\n"
    "\"Kami tidak akan ragu membawa kasus ini ke ranah pidana,\" ujar Lolly.\n"
    "Tim pemenangan pasangan calon nomor urut 2 menampik tudingan tersebut. Koordinator tim, "
    "Rahmat Hidayat, menyatakan tidak pernah membagikan uang kepada pemilih.\n"
    "Pengamat politik Universitas Airlangga, Hari Sukmono, menilai penyelenggara pemilu "
    "perlu memperketat pengawasan di daerah rawan konflik.\n"
    "Dia memperkirakan tingkat partisipasi pemilih dalam pemungutan suara ulang akan lebih "
    "rendah dibanding pemungutan suara pertama.\n"
)

TUBERCULOSIS = (
    "SURABAYA - Kementerian Kesehatan mencatat 2.431 kasus tuberkulosis (TBC) baru di Jawa "
    "Timur selama semester pertama 2024.\n"
    "Direktur Pencegahan dan Pengendalian Penyakit Menular Kemenkes, Ina Agustina Isturini, "
    "mengungkapkan bahwa angka tersebut baru sekitar 60 persen dari perkiraan kasus "
    "sebenarnya.\n"
    "\"Masih banyak pasien yang belum terdeteksi karena enggan memeriksakan diri,\" ujar "
    "Ina.\n"
    "Ia menambahkan, pemerintah menargetkan eliminasi TBC pada 2030.\n"
    "Kepala Dinas Kesehatan Jawa Timur Erwin Astha Triyono menyebut program skrining massal "
    "di sekolah dan pabrik berjalan efektif. \"Skrining ini langkah yang tepat untuk "
    "menemukan pasien sejak dini,\" katanya.\n"
    "\"Kami akan memperluasnya ke 38 kabupaten dan kota tahun depan.\"\n"
    "Ketua Perhimpunan Dokter Paru Indonesia (PDPI) Jawa Timur, Prof. Wiwin Sukmawati, "
    "mengingatkan bahwa pengobatan TBC tidak boleh putus di tengah jalan.\n"
    "Menurut dia, pasien yang berhenti minum obat berisiko mengalami TBC resistan obat yang "
    "jauh lebih sulit disembuhkan.\n"
    "Kabar bahwa obat TBC di puskesmas habis dibantah oleh Dinas Kesehatan Jawa Timur. "
    "\"Stok obat di 960 puskesmas tercukupi,\" tegas Erwin.\n"
)

CORRUPTION = (
    "JAKARTA - Komisi Pemberantasan Korupsi (KPK) menahan Bupati Labuhanbatu Selatan "
    "berinisial HS dalam kasus dugaan suap proyek jalan senilai Rp 48 miliar.\n"
    "Wakil Ketua KPK, Johanis Tanak, mengatakan HS diduga menerima uang sebesar Rp 3,2 miliar "
    "dari sejumlah kontraktor. \"Tersangka kami tahan selama 20 hari pertama di Rutan KPK,\" "
    "kata Johanis di Gedung Merah Putih KPK, Jakarta, Kamis (11/7/2024).\n"
    "Ia menjelaskan, uang itu diserahkan secara bertahap melalui orang kepercayaan HS.\n"
    "Kuasa hukum HS, Dimas Pratama, membantah kliennya menerima suap. \"Tuduhan itu tidak "
    "berdasar. Klien kami akan membuktikannya di persidangan,\" ujar Dimas.\n"
    "Peneliti Indonesia Corruption Watch (ICW) Kurnia Ramadhana menilai hukuman bagi kepala "
    "daerah yang korupsi masih terlalu ringan. Menurutnya, KPK harus menjerat para tersangka "
    "dengan pasal pencucian uang agar aset mereka dapat dirampas.\n"
    "ICW mencatat sedikitnya 61 kepala daerah terjerat kasus korupsi sejak 2020.\n"
)

GAMBLING = (
    "JAKARTA - Kementerian Komunikasi dan Digital (Komdigi) memblokir lebih dari 2,1 juta "
    "konten judi online sepanjang 2024.\n"
    "Menteri Komunikasi dan Digital Meutya Hafid menyatakan pemblokiran akan terus dilakukan "
    "hingga situs-situs judi daring benar-benar hilang dari ruang digital Indonesia.\n"
    "\"Judi online sudah merusak banyak keluarga. Ini darurat,\" kata Meutya saat meninjau "
    "Pusat Pengendalian Konten di Jakarta, Rabu (6/11/2024).\n"
    "Menurut Meutya, perputaran uang judi online di Indonesia diperkirakan mencapai Rp 900 "
    "triliun pada tahun ini.\n"
    "Pakar keamanan siber dari CISSReC, Pratama Persadha, berpendapat pemblokiran saja tidak "
    "cukup. Ia menyarankan pemerintah menggandeng bank dan penyedia dompet digital untuk "
    "memutus aliran dana.\n"
    "Sementara itu, Asosiasi Penyelenggara Jasa Internet Indonesia (APJII) mengklaim "
    "anggotanya sudah menutup akses ke 500.000 situs dalam tiga bulan terakhir.\n"
    "\"Kami siap mendukung, tetapi regulasinya harus jelas,\" ujar Ketua Umum APJII Muhammad "
    "Arif.\n"
)

BADMINTON = (
    "Tunggal putra Indonesia Jonatan Christie melaju ke final All England 2024 setelah "
    "mengalahkan wakil Malaysia, Lee Zii Jia, 21-18, 21-15.\n"
    "\"Saya bermain lebih sabar hari ini dan tidak banyak membuat kesalahan sendiri,\" kata "
    "Jonatan seusai laga di Birmingham, Sabtu (16/3/2024).\n"
    "Pelatih tunggal putra PBSI, Irwansyah, mengatakan, Jonatan berpeluang besar merebut "
    "gelar juara karena kondisi fisiknya prima.\n"
    "Kabid Binpres PBSI Rionny Mainaky menampik anggapan bahwa PBSI terlalu membebani atlet "
    "dengan jadwal turnamen yang padat.\n"
    "\"Kami selalu berdiskusi dengan pemain sebelum menentukan turnamen,\" tuturnya.\n"
    "Jonatan terakhir kali menjuarai turnamen level Super 1000 pada 2023.\n"
)

BATCH6 = [
    {"id": "unseen-markets", "text": MARKETS,
     "entities": [("KOMPAS.com", "ORG"), ("Doo Financial Futures", "ORG"),
                  ("Lukman Leong", "PER"), ("Lukman", "PER"), ("Amerika Serikat", "LOC"),
                  ("Sri Mulyani Indrawati", "PER"), ("Sri Mulyani", "PER"),
                  ("Jakarta", "LOC"), ("Center of Reform on Economics", "ORG"),
                  ("CORE", "ORG"), ("Mohammad Faisal", "PER")],
     "claims": [
         {"text": "pelemahan rupiah dipicu oleh data inflasi Amerika Serikat yang lebih "
                  "tinggi dari perkiraan", "label": "CHECKWORTHY", "claimant": "Lukman Leong",
          "cue": "mengatakan"},
         {"text": "Investor asing mencatat jual bersih Rp 2,1 triliun di pasar obligasi "
                  "sepanjang pekan lalu", "label": "CHECKWORTHY", "claimant": "Lukman Leong",
          "cue": "ujarnya", "quote": "direct"},
         {"text": "rupiah berpotensi kembali menguat ke kisaran Rp 15.900 pada akhir bulan "
                  "jika neraca perdagangan surplus", "label": "PREDICTION",
          "claimant": "Lukman", "cue": "Menurut"},
         {"text": "defisit APBN hingga September 2024 mencapai Rp 153,7 triliun atau 0,68 "
                  "persen terhadap produk domestik bruto", "label": "CHECKWORTHY",
          "claimant": "Sri Mulyani Indrawati", "cue": "menyebut"},
         {"text": "Angka ini masih sangat aman dan terkendali", "label": "OPINION",
          "claimant": "Sri Mulyani", "cue": "kata", "quote": "direct"},
         {"text": "pemerintah akan menaikkan tarif pajak pertambahan nilai secara mendadak",
          "label": "DENIAL", "claimant": "Sri Mulyani", "cue": "membantah"},
         {"text": "pemerintah sebaiknya menunda kenaikan PPN hingga daya beli masyarakat "
                  "pulih", "label": "OPINION", "claimant": "Mohammad Faisal",
          "cue": "berpendapat"},
     ]},
    {"id": "unseen-election", "text": ELECTION,
     "entities": [("Komisi Pemilihan Umum", "ORG"), ("KPU", "ORG"),
                  ("Kabupaten Sampang", "LOC"), ("Jawa Timur", "LOC"),
                  ("Mochammad Afifuddin", "PER"), ("Afifuddin", "PER"),
                  ("Kantor KPU", "LOC"), ("Jakarta", "LOC"),
                  ("Badan Pengawas Pemilu", "ORG"), ("Bawaslu", "ORG"),
                  ("Lolly Suhenty", "PER"), ("Lolly", "PER"), ("Rahmat Hidayat", "PER"),
                  ("Universitas Airlangga", "ORG"), ("Hari Sukmono", "PER")],
     "claims": [
         {"text": "pemungutan suara ulang akan digelar pada Sabtu (30/11/2024)",
          "label": "PREDICTION", "claimant": "Mochammad Afifuddin", "cue": "mengatakan"},
         {"text": "Logistik sudah kami distribusikan sejak kemarin", "label": "CHECKWORTHY",
          "claimant": "Afifuddin", "cue": "kata", "quote": "direct"},
         {"text": "pihaknya telah memeriksa 27 saksi", "label": "CHECKWORTHY",
          "claimant": "Lolly Suhenty", "cue": "menegaskan"},
         {"text": "Kami tidak akan ragu membawa kasus ini ke ranah pidana",
          "label": "PREDICTION", "claimant": "Lolly", "cue": "ujar", "quote": "direct"},
         {"text": "tudingan tersebut", "label": "DENIAL",
          "claimant": "Tim pemenangan pasangan calon nomor urut 2", "cue": "menampik"},
         {"text": "tidak pernah membagikan uang kepada pemilih", "label": "DENIAL",
          "claimant": "Rahmat Hidayat", "cue": "menyatakan"},
         {"text": "penyelenggara pemilu perlu memperketat pengawasan di daerah rawan konflik",
          "label": "OPINION", "claimant": "Hari Sukmono", "cue": "menilai"},
         {"text": "tingkat partisipasi pemilih dalam pemungutan suara ulang akan lebih rendah "
                  "dibanding pemungutan suara pertama", "label": "PREDICTION",
          "claimant": "Hari Sukmono", "cue": "memperkirakan"},
     ]},
    {"id": "unseen-tuberculosis", "text": TUBERCULOSIS,
     "entities": [("SURABAYA", "LOC"), ("Kementerian Kesehatan", "ORG"),
                  ("Jawa Timur", "LOC"), ("Kemenkes", "ORG"),
                  ("Ina Agustina Isturini", "PER"), ("Ina", "PER"),
                  ("Dinas Kesehatan Jawa Timur", "ORG"), ("Erwin Astha Triyono", "PER"),
                  ("Erwin", "PER"), ("Perhimpunan Dokter Paru Indonesia", "ORG"),
                  ("PDPI", "ORG"), ("Wiwin Sukmawati", "PER")],
     "claims": [
         {"text": "2.431 kasus tuberkulosis (TBC) baru di Jawa Timur selama semester pertama "
                  "2024", "label": "CHECKWORTHY", "claimant": "Kementerian Kesehatan",
          "cue": "mencatat"},
         {"text": "angka tersebut baru sekitar 60 persen dari perkiraan kasus sebenarnya",
          "label": "CHECKWORTHY", "claimant": "Ina Agustina Isturini",
          "cue": "mengungkapkan"},
         {"text": "Masih banyak pasien yang belum terdeteksi karena enggan memeriksakan diri",
          "label": "CHECKWORTHY", "claimant": "Ina", "cue": "ujar", "quote": "direct"},
         {"text": "pemerintah menargetkan eliminasi TBC pada 2030", "label": "PREDICTION",
          "claimant": "Ina", "cue": "menambahkan"},
         {"text": "program skrining massal di sekolah dan pabrik berjalan efektif",
          "label": "OPINION", "claimant": "Erwin Astha Triyono", "cue": "menyebut"},
         {"text": "Skrining ini langkah yang tepat untuk menemukan pasien sejak dini",
          "label": "OPINION", "claimant": "Erwin Astha Triyono", "cue": "katanya",
          "quote": "direct"},
         {"text": "Kami akan memperluasnya ke 38 kabupaten dan kota tahun depan.",
          "label": "PREDICTION", "claimant": "Erwin Astha Triyono", "quote": "direct"},
         {"text": "pengobatan TBC tidak boleh putus di tengah jalan", "label": "OPINION",
          "claimant": "Wiwin Sukmawati", "cue": "mengingatkan"},
         {"text": "pasien yang berhenti minum obat berisiko mengalami TBC resistan obat yang "
                  "jauh lebih sulit disembuhkan", "label": "CHECKWORTHY",
          "claimant": "Wiwin Sukmawati", "cue": "Menurut"},
         {"text": "obat TBC di puskesmas habis", "label": "DENIAL",
          "claimant": "Dinas Kesehatan Jawa Timur", "cue": "dibantah"},
         {"text": "Stok obat di 960 puskesmas tercukupi", "label": "CHECKWORTHY",
          "claimant": "Erwin", "cue": "tegas", "quote": "direct"},
     ]},
    {"id": "unseen-corruption", "text": CORRUPTION,
     "entities": [("Komisi Pemberantasan Korupsi", "ORG"), ("KPK", "ORG"),
                  ("Labuhanbatu Selatan", "LOC"), ("Johanis Tanak", "PER"),
                  ("Johanis", "PER"), ("Rutan KPK", "LOC"), ("Gedung Merah Putih KPK", "LOC"),
                  ("Jakarta", "LOC"), ("Dimas Pratama", "PER"), ("Dimas", "PER"),
                  ("Indonesia Corruption Watch", "ORG"), ("ICW", "ORG"),
                  ("Kurnia Ramadhana", "PER")],
     "claims": [
         {"text": "HS diduga menerima uang sebesar Rp 3,2 miliar dari sejumlah kontraktor",
          "label": "CHECKWORTHY", "claimant": "Johanis Tanak", "cue": "mengatakan"},
         {"text": "Tersangka kami tahan selama 20 hari pertama di Rutan KPK",
          "label": "CHECKWORTHY", "claimant": "Johanis", "cue": "kata", "quote": "direct"},
         {"text": "uang itu diserahkan secara bertahap melalui orang kepercayaan HS",
          "label": "CHECKWORTHY", "claimant": "Johanis", "cue": "menjelaskan"},
         {"text": "kliennya menerima suap", "label": "DENIAL", "claimant": "Dimas Pratama",
          "cue": "membantah"},
         {"text": "Tuduhan itu tidak berdasar. Klien kami akan membuktikannya di persidangan",
          "label": "DENIAL", "claimant": "Dimas", "cue": "ujar", "quote": "direct"},
         {"text": "hukuman bagi kepala daerah yang korupsi masih terlalu ringan",
          "label": "OPINION", "claimant": "Kurnia Ramadhana", "cue": "menilai"},
         {"text": "KPK harus menjerat para tersangka dengan pasal pencucian uang agar aset "
                  "mereka dapat dirampas", "label": "OPINION", "claimant": "Kurnia Ramadhana",
          "cue": "Menurutnya"},
         {"text": "sedikitnya 61 kepala daerah terjerat kasus korupsi sejak 2020",
          "label": "CHECKWORTHY", "claimant": "ICW", "cue": "mencatat"},
     ]},
    {"id": "unseen-gambling", "text": GAMBLING,
     "entities": [("Kementerian Komunikasi dan Digital", "ORG"), ("Komdigi", "ORG"),
                  ("Meutya Hafid", "PER"), ("Meutya", "PER"), ("Indonesia", "LOC"),
                  ("Pusat Pengendalian Konten", "ORG"), ("Jakarta", "LOC"),
                  ("CISSReC", "ORG"), ("Pratama Persadha", "PER"),
                  ("Asosiasi Penyelenggara Jasa Internet Indonesia", "ORG"), ("APJII", "ORG"),
                  ("Muhammad Arif", "PER")],
     "claims": [
         {"text": "pemblokiran akan terus dilakukan hingga situs-situs judi daring "
                  "benar-benar hilang dari ruang digital Indonesia", "label": "PREDICTION",
          "claimant": "Meutya Hafid", "cue": "menyatakan"},
         {"text": "Judi online sudah merusak banyak keluarga. Ini darurat", "label": "OPINION",
          "claimant": "Meutya", "cue": "kata", "quote": "direct"},
         {"text": "perputaran uang judi online di Indonesia diperkirakan mencapai Rp 900 "
                  "triliun pada tahun ini", "label": "PREDICTION", "claimant": "Meutya",
          "cue": "Menurut"},
         {"text": "pemblokiran saja tidak cukup", "label": "OPINION",
          "claimant": "Pratama Persadha", "cue": "berpendapat"},
         {"text": "pemerintah menggandeng bank dan penyedia dompet digital untuk memutus "
                  "aliran dana", "label": "OPINION", "claimant": "Pratama Persadha",
          "cue": "menyarankan"},
         {"text": "anggotanya sudah menutup akses ke 500.000 situs dalam tiga bulan terakhir",
          "label": "CHECKWORTHY",
          "claimant": "Asosiasi Penyelenggara Jasa Internet Indonesia", "cue": "mengklaim"},
         {"text": "Kami siap mendukung, tetapi regulasinya harus jelas", "label": "OPINION",
          "claimant": "Muhammad Arif", "cue": "ujar", "quote": "direct"},
     ]},
    {"id": "unseen-badminton", "text": BADMINTON,
     "entities": [("Indonesia", "LOC"), ("Jonatan Christie", "PER"), ("Jonatan", "PER"),
                  ("All England 2024", "MISC"), ("Malaysia", "LOC"), ("Lee Zii Jia", "PER"),
                  ("Birmingham", "LOC"), ("PBSI", "ORG"), ("Irwansyah", "PER"),
                  ("Rionny Mainaky", "PER")],
     "claims": [
         {"text": "Saya bermain lebih sabar hari ini dan tidak banyak membuat kesalahan "
                  "sendiri", "label": "OPINION", "claimant": "Jonatan", "cue": "kata",
          "quote": "direct"},
         {"text": "Jonatan berpeluang besar merebut gelar juara karena kondisi fisiknya "
                  "prima", "label": "PREDICTION", "claimant": "Irwansyah",
          "cue": "mengatakan"},
         {"text": "PBSI terlalu membebani atlet dengan jadwal turnamen yang padat",
          "label": "DENIAL", "claimant": "Rionny Mainaky", "cue": "menampik"},
         {"text": "Kami selalu berdiskusi dengan pemain sebelum menentukan turnamen",
          "label": "CHECKWORTHY", "claimant": "Rionny Mainaky", "cue": "tuturnya",
          "quote": "direct"},
     ]},
]
UNSEEN += BATCH6

# A seventh blind batch (aviation, artificial intelligence in schools, drugs) in a detik
# style, written after batch 6's fixes and measured once as the honest estimate.
AVIATION = (
    "Jakarta - Maskapai Garuda Indonesia membatalkan 14 penerbangan dari dan ke Bandara "
    "Sam Ratulangi, Manado, akibat erupsi Gunung Ruang.\n"
    "\"Keselamatan penumpang adalah prioritas utama kami,\" kata VP Corporate Secretary "
    "Garuda Indonesia Irfan Setiaputra saat dihubungi detikcom, Rabu (17/4/2024).\n"
    "Irfan menyebut penumpang yang terdampak bisa mengajukan pengembalian dana penuh atau "
    "menjadwalkan ulang penerbangan tanpa biaya tambahan.\n"
    "Kepala Pusat Vulkanologi dan Mitigasi Bencana Geologi (PVMBG) Hendra Gunawan "
    "memperkirakan abu vulkanik masih akan mengganggu jalur penerbangan hingga akhir "
    "pekan.\n"
    "Dia mengimbau warga dalam radius 6 kilometer dari kawah untuk segera mengungsi.\n"
    "Pengamat penerbangan Alvin Lie menilai koordinasi antara maskapai dan pengelola bandara "
    "masih buruk. \"Penumpang sering baru tahu penerbangannya batal saat sudah di bandara,\" "
    "ucapnya.\n"
    "Kabar bahwa Bandara Sam Ratulangi ditutup total dibantah oleh AirNav Indonesia.\n"
)

AI_SCHOOLS = (
    "Jakarta - Kementerian Pendidikan Dasar dan Menengah akan memasukkan materi kecerdasan "
    "artifisial (AI) ke kurikulum sekolah menengah mulai tahun ajaran 2025/2026.\n"
    "Menteri Pendidikan Dasar dan Menengah Abdul Mu'ti mengatakan, pelajaran AI dan "
    "pemrograman akan menjadi mata pelajaran pilihan. \"Anak-anak kita harus siap "
    "menghadapi perubahan teknologi,\" ujar Mu'ti.\n"
    "Ia menjelaskan bahwa sebanyak 40.000 guru telah mengikuti pelatihan dasar AI sepanjang "
    "tahun ini.\n"
    "Namun, Koordinator Nasional Jaringan Pemantau Pendidikan Indonesia (JPPI) Ubaid "
    "Matraji menilai rencana itu terlalu terburu-buru.\n"
    "Menurutnya, masih ada ribuan sekolah di daerah terpencil yang belum memiliki akses "
    "internet.\n"
    "\"Jangan sampai kebijakan ini memperlebar kesenjangan antara kota dan desa,\" kata "
    "Ubaid.\n"
)

DRUGS = (
    "Medan - Badan Narkotika Nasional Provinsi (BNNP) Sumatera Utara menggagalkan "
    "penyelundupan 50 kilogram sabu dari Malaysia melalui jalur laut.\n"
    "Kepala BNNP Sumut Brigjen Toga Habinsaran Panjaitan mengatakan, sabu tersebut "
    "disembunyikan di dalam karung berisi ikan asin. Tiga tersangka ditangkap di perairan "
    "Tanjung Balai.\n"
    "\"Jaringan ini sudah kami pantau sejak tiga bulan lalu,\" ujar Toga kepada wartawan.\n"
    "Dikatakan Toga, para tersangka terancam hukuman mati sesuai Undang-Undang Narkotika.\n"
    "Kuasa hukum salah satu tersangka, Rudy Siregar, membantah kliennya mengetahui isi "
    "karung tersebut. Menurut Rudy, kliennya hanya disuruh mengangkut barang.\n"
    "Kriminolog Universitas Sumatera Utara, Nursariani Simatupang, berpendapat pengawasan di "
    "pelabuhan tikus sepanjang pesisir timur Sumatera harus diperketat.\n"
)

BATCH7 = [
    {"id": "unseen-aviation", "text": AVIATION,
     "entities": [("Garuda Indonesia", "ORG"), ("Bandara Sam Ratulangi", "LOC"),
                  ("Manado", "LOC"), ("Gunung Ruang", "LOC"), ("Irfan Setiaputra", "PER"),
                  ("Irfan", "PER"), ("detikcom", "ORG"),
                  ("Pusat Vulkanologi dan Mitigasi Bencana Geologi", "ORG"),
                  ("PVMBG", "ORG"), ("Hendra Gunawan", "PER"), ("Alvin Lie", "PER"),
                  ("AirNav Indonesia", "ORG")],
     "claims": [
         {"text": "Keselamatan penumpang adalah prioritas utama kami", "label": "OPINION",
          "claimant": "Irfan Setiaputra", "cue": "kata", "quote": "direct"},
         {"text": "penumpang yang terdampak bisa mengajukan pengembalian dana penuh atau "
                  "menjadwalkan ulang penerbangan tanpa biaya tambahan",
          "label": "CHECKWORTHY", "claimant": "Irfan", "cue": "menyebut"},
         {"text": "abu vulkanik masih akan mengganggu jalur penerbangan hingga akhir pekan",
          "label": "PREDICTION", "claimant": "Hendra Gunawan", "cue": "memperkirakan"},
         {"text": "warga dalam radius 6 kilometer dari kawah untuk segera mengungsi",
          "label": "OPINION", "claimant": "Hendra Gunawan", "cue": "mengimbau"},
         {"text": "koordinasi antara maskapai dan pengelola bandara masih buruk",
          "label": "OPINION", "claimant": "Alvin Lie", "cue": "menilai"},
         {"text": "Penumpang sering baru tahu penerbangannya batal saat sudah di bandara",
          "label": "CHECKWORTHY", "claimant": "Alvin Lie", "cue": "ucapnya",
          "quote": "direct"},
         {"text": "Bandara Sam Ratulangi ditutup total", "label": "DENIAL",
          "claimant": "AirNav Indonesia", "cue": "dibantah"},
     ]},
    {"id": "unseen-ai-schools", "text": AI_SCHOOLS,
     "entities": [("Kementerian Pendidikan Dasar dan Menengah", "ORG"),
                  ("Abdul Mu'ti", "PER"), ("Mu'ti", "PER"),
                  ("Jaringan Pemantau Pendidikan Indonesia", "ORG"), ("JPPI", "ORG"),
                  ("Ubaid Matraji", "PER"), ("Ubaid", "PER")],
     "claims": [
         {"text": "pelajaran AI dan pemrograman akan menjadi mata pelajaran pilihan",
          "label": "PREDICTION", "claimant": "Abdul Mu'ti", "cue": "mengatakan"},
         {"text": "Anak-anak kita harus siap menghadapi perubahan teknologi",
          "label": "OPINION", "claimant": "Mu'ti", "cue": "ujar", "quote": "direct"},
         {"text": "sebanyak 40.000 guru telah mengikuti pelatihan dasar AI sepanjang tahun ini",
          "label": "CHECKWORTHY", "claimant": "Abdul Mu'ti", "cue": "menjelaskan"},
         {"text": "rencana itu terlalu terburu-buru", "label": "OPINION",
          "claimant": "Ubaid Matraji", "cue": "menilai"},
         {"text": "masih ada ribuan sekolah di daerah terpencil yang belum memiliki akses "
                  "internet", "label": "CHECKWORTHY", "claimant": "Ubaid Matraji",
          "cue": "Menurutnya"},
         {"text": "Jangan sampai kebijakan ini memperlebar kesenjangan antara kota dan desa",
          "label": "OPINION", "claimant": "Ubaid", "cue": "kata", "quote": "direct"},
     ]},
    {"id": "unseen-drugs", "text": DRUGS,
     "entities": [("Badan Narkotika Nasional Provinsi", "ORG"), ("BNNP", "ORG"),
                  ("Sumatera Utara", "LOC"), ("Malaysia", "LOC"), ("BNNP Sumut", "ORG"),
                  ("Toga Habinsaran Panjaitan", "PER"), ("Toga", "PER"),
                  ("Tanjung Balai", "LOC"), ("Rudy Siregar", "PER"), ("Rudy", "PER"),
                  ("Universitas Sumatera Utara", "ORG"), ("Nursariani Simatupang", "PER"),
                  ("Sumatera", "LOC")],
     "claims": [
         {"text": "sabu tersebut disembunyikan di dalam karung berisi ikan asin",
          "label": "CHECKWORTHY", "claimant": "Toga Habinsaran Panjaitan",
          "cue": "mengatakan"},
         {"text": "Tiga tersangka ditangkap di perairan Tanjung Balai.",
          "label": "CHECKWORTHY", "claimant": "Toga Habinsaran Panjaitan"},
         {"text": "Jaringan ini sudah kami pantau sejak tiga bulan lalu",
          "label": "CHECKWORTHY", "claimant": "Toga", "cue": "ujar", "quote": "direct"},
         {"text": "para tersangka terancam hukuman mati sesuai Undang-Undang Narkotika",
          "label": "CHECKWORTHY", "claimant": "Toga", "cue": "Dikatakan"},
         {"text": "kliennya mengetahui isi karung tersebut", "label": "DENIAL",
          "claimant": "Rudy Siregar", "cue": "membantah"},
         {"text": "kliennya hanya disuruh mengangkut barang", "label": "CHECKWORTHY",
          "claimant": "Rudy", "cue": "Menurut"},
         {"text": "pengawasan di pelabuhan tikus sepanjang pesisir timur Sumatera harus "
                  "diperketat", "label": "OPINION", "claimant": "Nursariani Simatupang",
          "cue": "berpendapat"},
     ]},
]
UNSEEN += BATCH7
