package dev.loupe.learn.data;

import java.util.List;

/**
 * A one-sentence description of each Fashion-MNIST class (written for Loupe), the side information a zero-shot
 * DeViSE projection is trained and tested against: label vectors are the text encoder's vectors of these texts.
 */
public final class FashionGlosses {
    public static final List<String> GLOSSES = List.of(
            "t-shirt: a casual top with short sleeves made of cotton, worn on the upper body",
            "trouser: long pants worn on the legs, covering each leg from the waist to the ankle",
            "pullover: a warm knitted sweater with long sleeves, pulled over the head and worn on the upper body",
            "dress: a one piece garment that covers the upper body and hangs down over the legs like a skirt",
            "coat: a warm outer garment with long sleeves, worn on the upper body over other clothes",
            "sandal: an open shoe made of straps on a flat sole, light footwear worn on the foot in summer",
            "shirt: a top with a collar, sleeves and buttons down the front, worn on the upper body",
            "sneaker: a low sports shoe with a rubber sole and laces, footwear worn on the foot",
            "bag: a handbag or purse with a handle or strap, carried to hold things",
            "ankle boot: a sturdy shoe with a heel and sole, footwear that covers the foot up to the ankle");

    private FashionGlosses() {
    }
}
