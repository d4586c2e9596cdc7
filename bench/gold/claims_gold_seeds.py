"""Hand annotations of the claims in seeds/ (see make_claims_gold.py)."""

from __future__ import annotations

from pathlib import Path

_SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def _text(name: str) -> str:
    return (_SEEDS / f"{name}.txt").read_text(encoding="utf-8").replace("\r\n", "\n")


_COMMON = [("Kim Jong Un", "PER"), ("Kim Jong-un", "PER"), ("Kim", "PER"),
           ("Vladimir Putin", "PER"), ("Putin", "PER"), ("Korea Utara", "LOC"),
           ("Korut", "LOC"), ("Rusia", "LOC"), ("AS", "LOC"), ("Amerika Serikat", "LOC"),
           ("Moskow", "LOC"), ("Ukraina", "LOC"), ("Pyongyang", "LOC"),
           ("Vladivostok", "LOC"), ("Korea Selatan", "LOC"), ("Kremlin", "ORG"),
           ("Reuters", "ORG"), ("New York Times", "ORG"), ("NYT", "ORG"),
           ("Kirby", "PER"), ("John Kirby", "PER"), ("NSC", "ORG"), ("Shoigu", "PER"),
           ("Sergei Shoigu", "PER"), ("Wagner", "ORG")]

SEEDS = [
    {"id": "000_6a179d3ec5163f48", "text": _text("000_6a179d3ec5163f48"),
     "entities": [*_COMMON, ("Andrienne Watson", "PER"), ("Desy Ayu", "PER"),
                  ("Dewan Keamanan Nasional Amerika Serikat", "ORG"), ("SURABAYAPAGI.com", "ORG")],
     "claims": [
         {"text": "Pimpinan Korea Utara (Korut) Kim Jong Un dikabarkan akan bersambang dan "
                  "bertemu dengan Presiden Vladimir Putin di Rusia terkait negosiasi jual beli "
                  "senjata antara kedua negara", "label": "PREDICTION", "cue": "dikabarkan"},
         {"text": "Pertemuan itu dilaporkan akan membahas potensi memasok senjata ke Moskow "
                  "untuk perang di Ukraina, dengan Rusia mengupayakan hubungan militer lebih "
                  "erat dengan Pyongyang", "label": "PREDICTION", "cue": "dilaporkan"},
         {"text": "Kami dapat informasi bahwa Kim Jong Un mengharapkan diskusi ini akan terus "
                  "berlanjut, termasuk keterlibatan diplomatik level pemimpin di Rusia",
          "label": "PREDICTION", "claimant": "Andrienne Watson", "cue": "ujar",
          "quote": "direct"},
         {"text": "pihaknya berniat memperdalam 'hubungan saling menghormati' dengan Korut",
          "label": "PREDICTION", "claimant": "Kremlin", "cue": "menyatakan"},
         {"text": "Korea Utara mengirimkan roket dan rudal infanteri ke Rusia untuk digunakan "
                  "oleh pasukan Wagner", "label": "CHECKWORTHY", "claimant": "AS",
          "cue": "mengatakan"},
         {"text": "Kesepakatan potensial yang sedang dibahas disebut akan memberikan amunisi "
                  "yang signifikan untuk berbagai jenis sistem senjata Rusia, termasuk "
                  "artileri", "label": "PREDICTION", "cue": "disebut"},
         {"text": "Berdasarkan potensi kesepakatan ini, Rusia akan menerima sejumlah besar dan "
                  "berbagai jenis amunisi dari Korea Utara, yang rencananya akan digunakan oleh "
                  "militer Rusia di Ukraina. Kesepakatan potensial ini juga dapat mencakup "
                  "penyediaan bahan mentah yang akan membantu basis industri pertahanan Rusia",
          "label": "PREDICTION", "claimant": "Kirby", "cue": "kata", "quote": "direct"},
         {"text": "Sejujurnya, tidak ada cara lain untuk melihat hal ini selain keputusasaan "
                  "dan kelemahan.", "label": "OPINION", "claimant": "Kirby",
          "quote": "direct"},
         {"text": "adanya lawatan delegasi Korea Utara beranggotakan 20 orang ke Vladivostok "
                  "dan Moskow", "label": "CHECKWORTHY", "claimant": "New York Times",
          "cue": "melaporkan"},
     ]},
    {"id": "001_9a646063f88033d4", "text": _text("001_9a646063f88033d4"),
     "entities": [*_COMMON, ("KCNA", "ORG"), ("IDXChannel", "ORG"), ("Donald Trump", "PER")],
     "claims": [
         {"text": "Dia ke Rusia menggunakan kereta khusus", "label": "CHECKWORTHY",
          "claimant": "seorang pejabat senior pemerintah Korea Selatan",
          "cue": "Hal itu disampaikan"},
         {"text": "pemimpin Korea Utara itu berangkat dengan keretanya pada Minggu malam waktu "
                  "setempat", "label": "CHECKWORTHY", "claimant": "Sumber tersebut",
          "cue": "mengatakan"},
         {"text": "Kim akan mengunjungi Rusia dalam beberapa hari atas undangan Putin",
          "label": "PREDICTION", "claimant": "Kremlin", "cue": "Menurut"},
         {"text": "kedua pemimpin akan bertemu dan berdiskusi tanpa menjelaskan lebih rinci",
          "label": "PREDICTION", "claimant": "KCNA", "cue": "melaporkan"},
         {"text": "keduanya kemungkinan akan membahas kesepakatan terkait senjata untuk "
                  "membantu perang Rusia di Ukraina", "label": "PREDICTION",
          "claimant": "pejabat Amerika Serikat", "cue": "menyatakan"},
         {"text": "keprihatinan atas kerja sama militer kedua negara tersebut",
          "label": "OPINION", "claimant": "AS dan sekutunya", "cue": "menyatakan"},
         {"text": "perundingan kedua negara itu berjalan secara aktif agar Korea Utara dapat "
                  "memasok senjata ke Rusia, yang telah menghabiskan banyak persediaan senjata "
                  "dalam lebih dari 18 bulan perang dengan Ukraina", "label": "CHECKWORTHY",
          "claimant": "AS", "cue": "menyebut"},
         {"text": "untuk memperluas hubungan bilateral dalam segala hal secara terencana "
                  "dengan Korea Utara", "label": "PREDICTION", "claimant": "Putin",
          "cue": "berjanji"},
     ]},
    {"id": "002_c5c46807e336cefa", "text": _text("002_c5c46807e336cefa"),
     "entities": [*_COMMON, ("Biden", "PER"), ("Time", "ORG"), ("Gedung Putih", "ORG"),
                  ("Nam Sung-wook", "PER"), ("Associated Press", "ORG"),
                  ("Institute for National Security Strategy", "ORG"),
                  ("Kementerian Unifikasi Korea Selatan", "ORG"), ("Jo Chun Ryong", "PER"),
                  ("Pak Thae Song", "PER"), ("Kim Myong Sik", "PER"), ("Choe Sun Hui", "PER"),
                  ("Ri Pyong Chol", "PER"), ("Pak Jong Chon", "PER"), ("Leif-Eric Easley", "PER"),
                  ("Ewha Womans University", "ORG"), ("CNN", "ORG"),
                  ("Barratut Taqiyyah Rafie", "PER"), ("KONTAN.CO.ID", "ORG")],
     "claims": [
         {"text": "kedua negara dapat mencapai kesepakatan senjata", "label": "PREDICTION",
          "claimant": "AS", "cue": "memperingatkan"},
         {"text": "Korea Utara memiliki puluhan juta peluru artileri dan roket era Soviet yang "
                  "kompatibel yang dapat menjadi dorongan besar bagi upaya perang Rusia di "
                  "Ukraina", "label": "OPINION", "claimant": "para analis", "cue": "percaya"},
         {"text": "Ukraina kehabisan amunisi", "label": "CHECKWORTHY", "claimant": "Biden",
          "cue": "memperingatkan", "after": "Presiden Biden"},
         {"text": "Korea Utara juga menjual senjata militer kepada kelompok tentara bayaran "
                  "Rusia, Wagner", "label": "CHECKWORTHY", "claimant": "Gedung Putih",
          "cue": "mengatakan"},
         {"text": "adanya transaksi semacam itu", "label": "DENIAL",
          "claimant": "Rusia maupun Korea Utara", "cue": "membantah"},
         {"text": "Ini akan menjadi kesepakatan yang saling menguntungkan bagi keduanya, karena "
                  "Putin terpojok akibat persediaan senjatanya yang habis. Sementara Kim "
                  "menghadapi tekanan dari kerja sama trilateral Korea Selatan-AS-Jepang",
          "label": "PREDICTION", "claimant": "Nam Sung-wook", "cue": "papar",
          "quote": "direct"},
         {"text": "Kebutuhan mereka kini sudah terpenuhi dengan sempurna.", "label": "OPINION",
          "claimant": "Nam Sung-wook", "quote": "direct"},
         {"text": "Kim tampaknya mengunjungi Rusia dengan Jo Chun Ryong, seorang pejabat yang "
                  "bertanggung jawab atas amunisi, yang baru-baru ini mengunjungi pabrik-pabrik "
                  "Korea Utara yang memproduksi peluru artileri dan rudal", "label": "CHECKWORTHY",
          "claimant": "Kementerian Unifikasi Korea Selatan", "cue": "kata"},
         {"text": "Delegasi Kim kemungkinan besar juga mencakup Menteri Luar Negeri Choe Sun Hui "
                  "dan Marsekal Tentara Rakyat Korea Ri Pyong Chol dan Pak Jong Chon",
          "label": "CHECKWORTHY", "claimant": "Associated Press", "cue": "dilaporkan"},
         {"text": "[Pertemuan] ini merupakan perkembangan yang sangat signifikan jika bisa "
                  "dilanjutkan", "label": "OPINION", "claimant": "Leif-Eric Easley",
          "cue": "kata", "quote": "direct"},
         {"text": "Rusia memiliki teknologi militer yang diinginkan Kim untuk peluncuran satelit "
                  "ilegal dan program pengiriman senjata nuklirnya.", "label": "CHECKWORTHY",
          "claimant": "Leif-Eric Easley", "quote": "direct"},
     ]},
    {"id": "003_10b382b21a4f655d", "text": _text("003_10b382b21a4f655d"),
     "entities": [*_COMMON, ("IPOL.ID", "ORG"), ("Interfax", "ORG"), ("Yonhap", "ORG"),
                  ("Gedung Putih", "ORG"), ("China", "LOC")],
     "claims": [
         {"text": "pertemuan itu akan mendiskusikan penyediaan senjata bagi Moskow untuk perang "
                  "di Ukraina", "label": "PREDICTION", "claimant": "Reuters", "cue": "Mengutip"},
         {"text": "Dalam sebuah perjalanan ke luar negeri yang jarang terjadi itu, Kim akan "
                  "melakukan perjalanan dari Pyongyang, mungkin dengan kereta api lapis baja, ke "
                  "Vladivostok, di Pantai Pasifik Rusia, di mana ia akan bertemu Putin",
          "label": "PREDICTION", "claimant": "sumber-sumber AS dan sekutu",
          "cue": "disampaikan"},
         {"text": "AS khawatir bahwa negosiasi senjata antara kedua negara mengalami kemajuan",
          "label": "CHECKWORTHY", "claimant": "John Kirby", "cue": "mengatakan"},
         {"text": "mereka sedang mendiskusikan untuk mengadakan latihan militer bersama dengan "
                  "Korea Utara", "label": "CHECKWORTHY", "claimant": "Rusia",
          "cue": "mengatakan"},
         {"text": "Mengapa tidak, mereka adalah tetangga kami. Ada pepatah Rusia kuno: Anda "
                  "tidak memilih tetangga Anda dan lebih baik hidup dengan tetangga Anda dalam "
                  "kedamaian dan harmoni", "label": "OPINION", "claimant": "Sergei Shoigu",
          "cue": "kata", "quote": "direct"},
         {"text": "“tentu saja” hal itu sedang dibahas", "label": "CHECKWORTHY",
          "claimant": "Sergei Shoigu", "cue": "mengatakan"},
         {"text": "Shoigu, yang mengunjungi Pyongyang pada bulan Juli, telah mengusulkan kepada "
                  "Kim agar kedua negara mengadakan latihan angkatan laut, bersama dengan China",
          "label": "CHECKWORTHY", "claimant": "badan intelijen Korea Selatan",
          "cue": "mengatakan"},
         {"text": "mereka khawatir bahwa negosiasi senjata antara Rusia dan Korea Utara berjalan "
                  "dengan aktif, dan bahwa Shoigu telah mencoba selama kunjungannya untuk "
                  "meyakinkan Pyongyang untuk menjual amunisi artileri ke Rusia",
          "label": "CHECKWORTHY", "claimant": "Amerika Serikat", "cue": "mengatakan"},
     ]},
    {"id": "004_9706094b4d5c32a3", "text": _text("004_9706094b4d5c32a3"),
     "entities": [*_COMMON, ("Prihastomo Wahyu Widodo", "PER"), ("KONTAN.CO.ID", "ORG"),
                  ("Dewan Keamanan Nasional", "ORG"), ("Gedung Putih", "ORG"),
                  ("Adrienne Watson", "PER"), ("Watson", "PER"), ("Yonhap", "ORG"),
                  ("Dewan Keamanan PBB", "ORG"), ("Universitas Federal Timur Jauh", "ORG")],
     "claims": [
         {"text": "Pemimpin Korea Utara, Kim Jong Un, dikabarkan akan segera berkunjung ke "
                  "Rusia untuk bertemu dengan Presiden Putin dan membicarakan kesepakatan "
                  "senjata", "label": "PREDICTION", "cue": "dikabarkan"},
         {"text": "pertemuan akan berlangsung pekan depan", "label": "PREDICTION",
          "claimant": "New York Times", "cue": "melaporkan"},
         {"text": "Kim akan berangkat ke Rusia menggunakan kereta api lapis baja menuju "
                  "Vladivostok, kawasan Pantai Pasifik Rusia", "label": "PREDICTION",
          "claimant": "New York Times", "cue": "merinci"},
         {"text": "Kim diprediksi berangkat dari Pyongyang pada pertengahan bulan September "
                  "untuk menghadiri Forum Ekonomi Timur", "label": "PREDICTION",
          "cue": "diprediksi"},
         {"text": "Kim akan melakukan perjalanan dari Pyongyang, ibu kota Korea Utara, mungkin "
                  "dengan kereta lapis baja, ke Vladivostok di mana ia akan bertemu dengan "
                  "Putin. Dua pemimpin akan berada di kampus Universitas Federal Timur Jauh di "
                  "Vladivostok untuk menghadiri Forum Ekonomi Timur, yang dijadwalkan "
                  "berlangsung pada 10-13 September", "label": "PREDICTION",
          "claimant": "sumber tersebut", "cue": "kata", "quote": "direct"},
         {"text": "mereka tidak bisa mengonfirmasi kebenarannya", "label": "CHECKWORTHY",
          "claimant": "Dewan Keamanan Nasional", "cue": "menyatakan"},
         {"text": "Kim mungkin memang sedang mengincar dialog tingkat tinggi di Rusia",
          "label": "OPINION", "claimant": "Dewan Keamanan Nasional", "cue": "percaya"},
         {"text": "Seperti yang telah kami peringatkan secara terbuka, perundingan senjata "
                  "antara Rusia dan DPRK (Korea Utara) secara aktif mengalami kemajuan",
          "label": "CHECKWORTHY", "claimant": "Adrienne Watson", "cue": "kata",
          "quote": "direct"},
         {"text": "berusaha meyakinkan Pyongyang untuk menjual amunisi artileri ke Moskow",
          "label": "CHECKWORTHY", "claimant": "Shoigu", "cue": "mengaku"},
         {"text": "Kami mendapat informasi bahwa Kim Jong Un berharap diskusi tersebut akan "
                  "terus berlanjut, termasuk keterlibatan diplomatik tingkat pemimpin di Rusia",
          "label": "PREDICTION", "claimant": "Watson", "cue": "ungkap", "quote": "direct"},
         {"text": "Korea Utara berpotensi memberikan senjata tambahan dan peralatan militer "
                  "kepada Rusia untuk digunakan dalam perang di Ukraina", "label": "PREDICTION",
          "claimant": "John Kirby", "cue": "memperingatkan"},
         {"text": "para pemimpin Korea Utara dan Rusia mungkin telah membahas kesepakatan "
                  "tersebut melalui surat yang mereka tukarkan sejak perjalanan Shoigu ke "
                  "Pyongyang", "label": "CHECKWORTHY", "claimant": "Kirby",
          "cue": "menyampaikan"},
         {"text": "kesepakatan senjata apa pun antara Korea Utara dan Rusia akan secara "
                  "langsung melanggar sejumlah resolusi Dewan Keamanan PBB", "label": "OPINION",
          "claimant": "AS", "cue": "menegaskan"},
     ]},
]
