"""Write the bundled demo articles (fictional) as examples/demo.jsonl and examples/seed-format/*.txt.

Every article here is FICTIONAL, written for newsweave's demo: the countries, people, outlets and the
news agency "CPA" do not exist. Run `python examples/make_demo.py` after editing ARTICLES.
"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent

# (id, outlet, published, title, text)
ARTICLES = [
    ("demo-01", "Northern Ledger", "2026-03-02", "Sorvik plans summit with Adeyemi in Port Elsin",
     "Valdorian Prime Minister Elena Sorvik said on Sunday that she would meet Marenland's President Tomas "
     "Adeyemi in Port Elsin next week to settle the long dispute over the River Ostra dam.\n\n"
     "\u201cWe have a real chance to end this quarrel,\u201d she told reporters in Velgrad. \u201cThe people on both "
     "banks of the river deserve it.\u201d\n\n"
     "Adeyemi's office confirmed that the two leaders had spoken by phone on Saturday. The Marenland President "
     "said the talks would focus on water rights and trade. The two leaders last met in Velgrad in November."),
    ("demo-02", "Coastline Times", "2026-03-03", "Valdoria and Marenland leaders to meet next week",
     "PORT ELSIN, March 3 (CPA) - The leaders of Valdoria and Marenland will hold a summit in Port Elsin next "
     "week, officials in both capitals said on Monday.\n\nMarenland's foreign minister, Ruth Okafor, said that "
     "advisers would meet on Thursday to prepare the agenda. \u201cNothing is agreed until everything is agreed,\u201d "
     "she said.\n\nValdoria has threatened to cut water flows if no deal is reached by the summer."),
    ("demo-03", "Daily Meridian", "2026-03-03", "Leaders of Valdoria, Marenland to meet in Port Elsin",
     "PORT ELSIN, March 3 (CPA) - The leaders of Valdoria and Marenland will hold a summit in Port Elsin next "
     "week, officials in both capitals said on Monday.\n\nMarenland's foreign minister, Ruth Okafor, said that "
     "advisers would meet on Thursday to prepare the agenda. \u201cNothing is agreed until everything is agreed,\u201d "
     "she said.\n\nValdoria has threatened to cut water flows if no deal is reached by the summer."),
    ("demo-04", "Daily Meridian", "2026-03-05", "Port Elsin summit postponed",
     "The planned summit between Valdoria and Marenland in Port Elsin has been postponed until April, "
     "officials said on Thursday.\n\n\u201cThe timing is not right,\u201d Tomas Adeyemi said in a statement. He "
     "added that talks between the two foreign ministers would continue.\n\n"
     "According to Valdorian officials, Prime Minister Elena Sorvik was disappointed by the delay."),
    ("demo-05", "Valley Courier", "2026-03-06", "Sorvik names new date for Adeyemi summit",
     "Elena Sorvik said on Friday that the summit with Marenland would now take place on April 14 in Port "
     "Elsin.\n\n\u201cWe lost a few weeks, not the goal,\u201d the Valdorian Prime Minister said. She said that "
     "her foreign minister would travel to Marenland on Monday."),
    ("demo-06", "Coastline Times", "2026-03-02", "Harlow Bay dock workers walk out",
     "Dock workers in Harlow Bay walked off the job on Monday, halting most traffic at the region's largest "
     "port.\n\n\u201cWe will not return until the contract is signed,\u201d union leader Marta Keel said. She said "
     "the strike could last three weeks.\n\nGrayline Shipping, which runs the port, said it was ready to talk."),
    ("demo-07", "Northern Ledger", "2026-03-04", "Grayline accuses union as strike enters third day",
     "Port operator Grayline Shipping accused the dockers' union on Wednesday of holding the region hostage.\n\n"
     "\u201cThis strike is costing Harlow Bay millions every day,\u201d chief executive Owen Pratt said. He said the "
     "company had offered a four percent raise.\n\nThe union said on Tuesday that members would vote on the "
     "offer on Friday."),
    ("demo-08", "Daily Meridian", "2026-03-06", "Harlow Bay strike ends after vote",
     "The dock strike in Harlow Bay ended on Friday after workers voted to accept a new contract.\n\n"
     "Marta Keel said the deal was \u201ca fair result for every family on the docks.\u201d According to the union, "
     "ships will be loaded again from Saturday morning."),
    ("demo-09", "Northern Ledger", "2026-03-03", "River Ostra bursts its banks",
     "Heavy rain sent the River Ostra over its banks on Tuesday, flooding low-lying streets in the town of "
     "Lindmark.\n\nMayor Ines Halvorsen said that about 2,000 residents had been moved to schools and sports "
     "halls overnight. \u201cThe water rose faster than anyone expected,\u201d she said."),
    ("demo-10", "Coastline Times", "2026-03-04", "More rain expected as Lindmark cleans up",
     "According to the regional weather office, more rain is expected over the next few days in the Ostra "
     "valley.\n\nLindmark's mayor, Ines Halvorsen, said on Wednesday that the town would need help from the "
     "national government. \u201cWe cannot do this alone,\u201d she said, adding that schools would stay closed "
     "until Monday."),
    ("demo-11", "Daily Meridian", "2026-03-05", "Government sends army engineers to Lindmark",
     "The Valdorian government sent army engineers to Lindmark on Thursday to shore up flood defences along "
     "the River Ostra.\n\nInterior Minister Pavel Dunn said that the engineers would stay for two weeks. Mayor "
     "Ines Halvorsen welcomed the move, saying it came \u201cjust in time.\u201d"),
    ("demo-12", "Valley Courier", "2026-03-06", "Lindmark residents return home as river falls",
     "Most residents of Lindmark returned to their homes on Friday as the River Ostra fell back below its "
     "banks.\n\nHalvorsen thanked the army engineers. She said the town would ask for a new flood wall this "
     "year."),
]


def main() -> None:
    seed_dir = HERE / "seed-format"
    seed_dir.mkdir(exist_ok=True)
    with open(HERE / "demo.jsonl", "w", encoding="utf-8") as out:
        for doc_id, outlet, published, title, text in ARTICLES:
            out.write(json.dumps({"id": doc_id, "outlet": outlet, "published": published, "title": title,
                                  "text": text, "fictional": True}, ensure_ascii=False) + "\n")
            (seed_dir / f"{doc_id}.txt").write_text(f"date {published}\n{text}\n", encoding="utf-8")


if __name__ == "__main__":
    main()
