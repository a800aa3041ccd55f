"""Customer-service message texts that look like a real WhatsApp inbox, so full-text search has
words of realistic frequency to find: a common word ("refund", in a few % of messages) and a
rare token planted a fixed number of times per tenant (an order reference)."""

from __future__ import annotations

import random

PRODUCTS = [
    "blue running shoes", "wireless headphones", "coffee grinder", "phone case", "winter jacket",
    "yoga mat", "smart watch", "desk lamp", "backpack", "water bottle", "gift card", "bluetooth speaker",
    "office chair", "kitchen scale", "baby stroller", "sunglasses", "laptop sleeve", "air fryer",
]
CITIES = ["Lisbon", "Madrid", "Berlin", "Milan", "Porto", "Lyon", "Munich", "Seville", "Rome", "Paris"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
NAMES = ["Ana", "Bruno", "Carla", "Diego", "Elena", "Felipe", "Giulia", "Hugo", "Ines", "Jonas", "Karin",
         "Luis", "Marta", "Nuno", "Olga", "Pedro", "Rita", "Sofia", "Tiago", "Vera"]
SURNAMES = ["Silva", "Costa", "Garcia", "Rossi", "Muller", "Martin", "Santos", "Ferreira", "Lopez", "Bianchi"]

INBOUND = [
    "Hi, I ordered the {p} on {d} and it still hasn't arrived. Order {o}.",
    "Hello! Can you tell me where my package is? Tracking says it is stuck in {c}.",
    "The {p} I received is damaged, the box was open. What can I do?",
    "I would like a refund for the {p}, it does not fit.",
    "Do you ship to {c}? How long does delivery take?",
    "Is the {p} available in another colour?",
    "Thanks, that solved it!",
    "Can I change the delivery address to {c}? Order {o}.",
    "I was charged twice for order {o}, please check.",
    "When will the refund arrive on my card? It has been {n} days.",
    "Good morning, is the store in {c} open on {d}?",
    "My discount code does not work at checkout.",
    "Can I return the {p} without the original box?",
    "Perfect, thank you very much {a}",
    "The courier left a note but I was at home all {d}.",
    "How do I cancel my subscription?",
    "ok",
    "Yes please",
    "I never got the confirmation email for order {o}",
    "The {p} stopped working after {n} days, is it under warranty?",
]
OUTBOUND = [
    "Hi {a}, thanks for reaching out! Let me check your order {o}.",
    "I'm sorry about that. I have opened a replacement request for your {p}.",
    "Your refund of {m} EUR was issued today, it can take 3 to 5 business days.",
    "The package is with the courier in {c}; it should be delivered on {d}.",
    "Could you send a photo of the damaged {p}, please?",
    "Yes, we ship to {c}. Standard delivery takes {n} business days.",
    "I have updated the delivery address. Anything else I can help with?",
    "You can return it within 30 days, the original box is not required.",
    "Our store in {c} is open from 9:00 to 19:00 on {d}.",
    "I have refunded the duplicate charge of {m} EUR.",
    "The {p} is covered by a 2 year warranty, I will send you the form.",
    "Have a great day!",
]


class TextMaker:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def name(self) -> str:
        return f"{self.rng.choice(NAMES)} {self.rng.choice(SURNAMES)}"

    def order(self) -> str:
        return f"#{self.rng.randrange(100000, 999999)}"

    def message(self, inbound: bool) -> str:
        r = self.rng
        template = r.choice(INBOUND if inbound else OUTBOUND)
        return template.format(
            p=r.choice(PRODUCTS), d=r.choice(DAYS), c=r.choice(CITIES), o=self.order(), n=r.randrange(2, 30),
            a=r.choice(NAMES), m=f"{r.randrange(5, 400)}.{r.randrange(0, 99):02d}",
        )


# The common search word and the rare token; `rare` is planted RARE_PER_TENANT times per tenant.
SEARCH_COMMON = "refund"
SEARCH_RARE = "zx81qk"
RARE_PER_TENANT = 5
