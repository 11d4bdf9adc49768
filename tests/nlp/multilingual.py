"""Articles in many languages, written for these tests (never copied from anywhere).

Each is a title and nine or more sentences in three paragraphs, as a moderator would paste it.
"""

from __future__ import annotations

ARTICLES: dict[str, tuple[str, str]] = {
    "de": (
        "Der Hafen von Lindau bekommt eine neue Fähre",
        "Der Stadtrat von Lindau hat am Dienstag beschlossen, eine elektrische Fähre für den "
        "Verkehr über den See zu kaufen. Die alte Fähre fährt seit fast vierzig Jahren und "
        "verbraucht zu viel Diesel. Nach Angaben der Verwaltung kostet das neue Schiff rund "
        "sechs Millionen Euro.\n\n"
        "Die Opposition kritisierte den Preis und verlangte eine zweite Ausschreibung. "
        "Bürgermeisterin Anna Vogel sagte, die Stadt habe drei Angebote sorgfältig geprüft. "
        "Am 3. Oktober soll der Bau auf einer Werft in Bremen beginnen.\n\n"
        "Fischer im Hafen befürchten, dass die Bauarbeiten am Anleger ihre Boote behindern. "
        "Die Verwaltung will deshalb die Liegeplätze z. B. nach Westen verlegen. "
        "Die erste Fahrt mit Passagieren ist für den Sommer des übernächsten Jahres geplant. "
        "Touristen sollen dann auch Fahrräder kostenlos mitnehmen dürfen.",
    ),
    "fr": (
        "La bibliothèque de Rocheval rouvre ses portes",
        "La bibliothèque municipale de Rocheval a rouvert lundi après deux ans de travaux. "
        "Le bâtiment, construit en 1962, avait été fermé à cause d'une toiture qui fuyait. "
        "La mairie a investi près de quatre millions d'euros dans la rénovation.\n\n"
        "Les lecteurs découvrent une salle d'étude plus grande et un espace réservé aux "
        "enfants. La directrice, Claire Martin, a expliqué que les horaires seront élargis le "
        "samedi. Plus de trois cents personnes se sont présentées dès l'ouverture.\n\n"
        "Certains habitants regrettent toutefois la disparition de l'ancienne salle de "
        "lecture. Une pétition demande aussi le retour des journaux en papier. "
        "La mairie promet une réunion publique avant la fin du mois. "
        "Les travaux du parking voisin commenceront au printemps prochain.",
    ),
    "es": (
        "El tren regional vuelve a parar en Valdemora",
        "El tren regional volverá a detenerse en la estación de Valdemora a partir de marzo. "
        "La parada se suprimió hace cinco años por falta de viajeros. "
        "Los vecinos reunieron más de dos mil firmas para pedir su regreso.\n\n"
        "La consejera de Transportes, Lucía Herrera, anunció el acuerdo en una rueda de prensa. "
        "Según el nuevo horario, habrá seis trenes diarios en cada dirección. "
        "El billete a la capital costará lo mismo que en las demás paradas de la línea.\n\n"
        "Los comerciantes del pueblo esperan que el tren traiga de nuevo a los visitantes. "
        "El ayuntamiento pintará el andén y reparará la marquesina antes de la reapertura. "
        "La empresa ferroviaria estudiará el uso de la parada durante el primer año. "
        "Si los viajeros no llegan, el servicio podría reducirse otra vez.",
    ),
    "it": (
        "Il museo civico di Valloria apre una nuova ala",
        "Il museo civico di Valloria ha inaugurato sabato una nuova ala dedicata alla storia "
        "del porto. Le sale espongono barche, mappe e strumenti di navigazione del Settecento. "
        "Il progetto è costato circa due milioni di euro.\n\n"
        "La direttrice Giulia Bassi ha detto che la collezione era rimasta nei magazzini per "
        "decenni. Molti oggetti sono stati restaurati da studenti dell'università. "
        "Nel primo giorno sono entrati più di mille visitatori.\n\n"
        "Il comune offrirà l'ingresso gratuito ai residenti ogni prima domenica del mese. "
        "Le scuole potranno prenotare visite guidate a partire da gennaio. "
        "Un negozio di libri aprirà accanto alla biglietteria in primavera. "
        "Il museo cerca ancora volontari per le visite del fine settimana.",
    ),
    "pt": (
        "Nova ponte liga as margens do rio Serrado",
        "A nova ponte sobre o rio Serrado foi aberta ao trânsito na quinta-feira. "
        "A obra levou três anos e custou cerca de quarenta milhões de reais. "
        "Antes, os moradores precisavam atravessar o rio de balsa.\n\n"
        "O prefeito Ricardo Alves disse que a ponte vai reduzir o tempo de viagem pela metade. "
        "A estrutura tem uma faixa exclusiva para bicicletas e pedestres. "
        "Centenas de pessoas caminharam sobre a ponte na manhã da inauguração.\n\n"
        "Os barqueiros que operavam a balsa pedem ajuda para encontrar outro trabalho. "
        "A prefeitura prometeu um programa de formação para eles. "
        "O tráfego de caminhões pesados só será liberado depois de uma inspeção final. "
        "A antiga estação da balsa deve virar um pequeno museu.",
    ),
    "ru": (
        "В Светлогорске открыли новый городской парк",
        "В Светлогорске в субботу открыли новый городской парк на месте старого рынка. "
        "Работы продолжались два года и обошлись бюджету почти в сто миллионов рублей. "
        "В парке посадили более тысячи деревьев.\n\n"
        "Глава города Ольга Иванова сказала, что парк станет местом для семей с детьми. "
        "Здесь появились детские площадки, велосипедные дорожки и летняя сцена. "
        "В первый день парк посетили несколько тысяч жителей.\n\n"
        "Некоторые торговцы недовольны тем, что рынок перенесли на окраину. "
        "Администрация обещает построить для них крытые павильоны. "
        "Летом на сцене будут проходить бесплатные концерты. "
        "Зимой в парке планируют залить каток.",
    ),
    "zh": (
        "北京开通首条自动驾驶公交线路",
        "北京市交通委员会周一宣布，首条自动驾驶公交线路正式开通运营。"
        "这条线路全长十二公里，连接地铁站和科技园区。"
        "每辆公交车上仍然配有一名安全员。\n\n"
        "交通委员会负责人王立新表示，试运营期间没有发生任何事故。"
        "乘客可以用手机扫码乘车，票价和普通公交相同。"
        "开通当天，许多市民专程前来体验。\n\n"
        "一些司机担心自动驾驶会影响他们的工作。"
        "公交公司表示，将为司机提供新的培训岗位。"
        "明年还计划开通另外三条线路。"
        "专家认为，恶劣天气下的安全问题仍需进一步研究。",
    ),
    "ja": (
        "京都で桜の開花が早まる",
        "京都地方気象台は月曜日、市内で桜が開花したと発表した。"
        "平年より九日早く、統計を取り始めてから二番目に早い記録となった。"
        "三月の気温が例年より高かったことが原因とみられる。\n\n"
        "市の観光課の山田花子課長は、週末には多くの観光客が訪れると述べた。"
        "人気の公園では、夜間のライトアップが予定より早く始まる。"
        "ホテルの予約はすでにほぼ満室になっている。\n\n"
        "一方で、地元の商店街は混雑への対策に追われている。"
        "市は臨時のバスを増便し、ごみ箱を増やす方針だ。"
        "満開は来週の半ばになる見込みだという。"
        "雨が続けば、花の見頃は短くなるおそれもある。",
    ),
    "ko": (
        "서울시 새 도서관 개관",
        "서울시는 월요일에 마포구에 새 공공도서관을 열었다. "
        "도서관은 오 층 건물로 약 이십만 권의 책을 갖추고 있다. "
        "공사에는 삼 년이 걸렸다.\n\n"
        "김민지 관장은 주민들이 밤늦게까지 이용할 수 있다고 말했다. "
        "어린이 열람실과 공부방도 새로 마련되었다. "
        "개관 첫날 수천 명의 시민이 도서관을 찾았다.\n\n"
        "일부 주민들은 주차 공간이 부족하다고 지적했다. "
        "구청은 근처에 공영 주차장을 짓기로 했다. "
        "다음 달부터는 외국어 강좌도 열린다. "
        "도서관 옆 공원에서는 주말마다 작은 음악회가 열릴 예정이다.",
    ),
}

# A four-paragraph Chinese news item of about 250 characters (as in issue 14): an article,
# though it holds only eight runs of letters between its punctuation marks.
SHORT_CHINESE = (
    "上海推出夜间图书馆服务",
    "上海市图书馆周五宣布从下个月起位于市中心的三家分馆将把开放时间延长到晚上十一点。"
    "这是该市第一次尝试为上班族提供夜间图书馆服务。\n\n"
    "图书馆馆长李华表示很多年轻人白天工作太忙只有晚上才有时间安静地读书。"
    "过去一年里读者多次在网上留言希望图书馆能够晚一点关门。\n\n"
    "为了保证读者的安全夜间将增加保安人员并开通一条专门的夜班公交线路。"
    "读者需要提前在手机上预约座位并且每人每晚最多可以停留三个小时。\n\n"
    "如果试行效果良好明年将在全市二十家分馆推广这项服务。"
    "部分市民担心夜间的噪音问题而图书馆表示会在每层设立安静区域。",
)
